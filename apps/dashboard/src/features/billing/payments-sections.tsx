import { ErrorAlert, Notice } from '../../components/alert';
import { Loading } from '../../components/spinner';
import { InvoicesSection } from './invoices-section';
import { useSubscription } from './payments-api';
import { PlanPicker } from './plan-picker';
import { PastDueBanner, SubscriptionSection } from './subscription-section';

/** Paying for the workspace (owners, on the Billing page): subscription, plans on offer, invoices. */
export function PaymentsSections() {
  const info = useSubscription();
  if (info.isPending) return <Loading label="Loading billing…" />;
  if (info.isError) return <ErrorAlert error={info.error} />;
  if (info.data.providers.length === 0)
    return (
      <Notice title="Plans are assigned by the operator">
        This installation takes no payments: the operator of Switchboard assigns each workspace its plan.
      </Notice>
    );
  return (
    <>
      <PastDueBanner info={info.data} />
      <SubscriptionSection info={info.data} />
      <PlanPicker info={info.data} />
      <InvoicesSection />
    </>
  );
}
