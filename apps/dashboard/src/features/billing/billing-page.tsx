import { ErrorAlert, Notice } from '../../components/alert';
import { Badge } from '../../components/badge';
import { SelectField } from '../../components/field';
import { PageHeader } from '../../components/page-header';
import { ProgressBar } from '../../components/progress-bar';
import { Loading } from '../../components/spinner';
import { useToast } from '../../components/toast';
import {
  FEATURE_LABELS,
  formatAmount,
  LIMIT_LABELS,
  useBillingPlan,
  useUpdateBillingSettings,
  type BillingPlan,
  type LimitBehaviour,
  type PlanMeter,
} from './billing-api';
import { PaymentsSections } from './payments-sections';

/**
 * The workspace's plan: a meter per limit, the features it includes, and what happens when the
 * month's messages are used up; for owners, the subscription, plans on offer and invoices.
 */
export function BillingPage() {
  const plan = useBillingPlan();
  return (
    <>
      <PageHeader
        title="Billing"
        description="Your plan, how much of each limit you use, and the features it includes. Limits are checked when something is created; the monthly ones count in your workspace’s time zone."
      />
      {plan.isPending ? (
        <Loading label="Loading your plan…" />
      ) : plan.isError ? (
        <ErrorAlert error={plan.error} />
      ) : (
        <div className="space-y-8">
          <PlanSummary billing={plan.data} />
          {plan.data.canManage && <PaymentsSections />}
          <Meters billing={plan.data} />
          <Features billing={plan.data} />
          <LimitBehaviourSetting billing={plan.data} />
        </div>
      )}
    </>
  );
}

function PlanSummary({ billing }: { billing: BillingPlan }) {
  return (
    <section aria-labelledby="plan-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="plan-heading" className="text-lg font-semibold">
        Plan: <span data-testid="plan-name">{billing.plan.name}</span>
      </h2>
      {billing.plan.description && <p className="mt-1 text-sm text-slate-600">{billing.plan.description}</p>}
    </section>
  );
}

function Meters({ billing }: { billing: BillingPlan }) {
  return (
    <section aria-labelledby="meters-heading">
      <h2 id="meters-heading" className="mb-3 text-lg font-semibold">
        Limits <span className="text-sm font-normal text-slate-500">({billing.period})</span>
      </h2>
      <ul className="grid gap-4 sm:grid-cols-2">
        {billing.meters.map((meter) => (
          <MeterRow key={meter.limit} meter={meter} />
        ))}
      </ul>
    </section>
  );
}

function MeterRow({ meter }: { meter: PlanMeter }) {
  const label = LIMIT_LABELS[meter.limit];
  const percent = meter.max === null ? 0 : meter.max === 0 ? 100 : (meter.used / meter.max) * 100;
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`meter-${meter.limit}`}>
      <div className="mb-2 flex items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{label}</span>
        <span className="text-slate-600">
          {formatAmount(meter.limit, meter.used)} of{' '}
          {meter.max === null ? 'unlimited' : formatAmount(meter.limit, meter.max)}
        </span>
      </div>
      {meter.max !== null && <ProgressBar value={percent} label={`${label}: ${Math.round(percent)} % used`} />}
      {(meter.overage ?? 0) > 0 && (
        <p className="mt-2 text-sm text-amber-700">
          Overage this month: {formatAmount(meter.limit, meter.overage ?? 0)}
        </p>
      )}
    </li>
  );
}

function Features({ billing }: { billing: BillingPlan }) {
  return (
    <section aria-labelledby="features-heading">
      <h2 id="features-heading" className="mb-3 text-lg font-semibold">
        Features
      </h2>
      <ul className="space-y-1 text-sm">
        {Object.entries(billing.features).map(([feature, included]) => (
          <li key={feature} className="flex items-center gap-2">
            <Badge tone={included ? 'green' : 'gray'}>{included ? 'Included' : 'Not included'}</Badge>
            {FEATURE_LABELS[feature] ?? feature}
          </li>
        ))}
      </ul>
    </section>
  );
}

function LimitBehaviourSetting({ billing }: { billing: BillingPlan }) {
  const update = useUpdateBillingSettings();
  const notify = useToast();
  return (
    <section aria-labelledby="behaviour-heading">
      <h2 id="behaviour-heading" className="mb-3 text-lg font-semibold">
        When the month’s messages are used up
      </h2>
      {billing.canManage ? (
        <SelectField
          label="Behaviour"
          fieldClassName="max-w-md"
          value={billing.limitBehaviour}
          disabled={update.isPending}
          onChange={(e) =>
            update.mutate(e.target.value as LimitBehaviour, { onSuccess: () => notify('Setting saved.') })
          }
        >
          <option value="notice">The bot answers with a polite notice and offers a person</option>
          <option value="overage">Answers continue; the overage is metered</option>
        </SelectField>
      ) : (
        <Notice tone="info">
          {billing.limitBehaviour === 'notice'
            ? 'The bot answers with a polite notice and offers a person.'
            : 'Answers continue; the overage is metered.'}{' '}
          Owners change this.
        </Notice>
      )}
      <ErrorAlert error={update.error} className="mt-2" />
    </section>
  );
}
