import { ErrorAlert, Notice } from '../../components/alert';
import { PageHeader } from '../../components/page-header';
import { Loading } from '../../components/spinner';
import { InvoicesSection } from './invoices-section';
import { useSubscription } from './payments-api';
import { PlanPicker } from './plan-picker';
import { PastDueBanner, SubscriptionSection } from './subscription-section';

/** Paying for the workspace (owners). The merger may fold these sections into the Billing page. */
export function PaymentsPage() {
  const info = useSubscription();
  return (
    <>
      <PageHeader title="Billing" description="Your plan, payments and invoices." />
      {info.isPending ? (
        <Loading label="Loading billing…" />
      ) : info.isError ? (
        <ErrorAlert error={info.error} />
      ) : info.data.providers.length === 0 ? (
        <Notice title="Plans are assigned by the operator">
          This installation takes no payments: the operator of Switchboard assigns each workspace its plan.
        </Notice>
      ) : (
        <>
          <PastDueBanner info={info.data} />
          <SubscriptionSection info={info.data} />
          <PlanPicker info={info.data} />
          <InvoicesSection />
        </>
      )}
    </>
  );
}
