import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { Loading } from '../../components/spinner';
import { Table, TBody, Td, Th } from '../../components/table';
import { PlanForm } from './plan-form';
import { LIMIT_FIELDS, usePlans, type Plan } from './plans-api';

const price = (plan: Plan) =>
  plan.prices.length
    ? plan.prices.map((p) => `${(p.amount / 100).toFixed(2)} ${p.currency.toUpperCase()}/${p.interval}`).join(', ')
    : 'Free';

const limitsOf = (plan: Plan) =>
  LIMIT_FIELDS.filter(([key]) => plan.limits[key] !== null && plan.limits[key] !== undefined)
    .map(([key, label]) => `${label}: ${plan.limits[key]}`)
    .join(' · ') || 'Unlimited';

/** The plan catalog: every plan with its prices and limits; add, edit and archive. */
export function PlansPage() {
  const plans = usePlans();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Plan | null | undefined>(undefined);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['admin'] });
  return (
    <>
      <PageHeader
        title="Plans"
        description="What each plan costs, allows and includes. An edit applies to every workspace on the plan at once; a plan in use cannot be deleted, archive it instead."
        actions={<Button onClick={() => setEditing(null)}>Add plan</Button>}
      />
      {plans.isPending ? (
        <Loading label="Loading plans…" />
      ) : plans.isError ? (
        <ErrorAlert error={plans.error} />
      ) : plans.data.plans.length === 0 ? (
        <EmptyState title="No plans">
          <p>Add a plan to sell it or assign it to workspaces.</p>
        </EmptyState>
      ) : (
        <Table label="Plans">
          <thead>
            <tr>
              <Th>Plan</Th>
              <Th>Price</Th>
              <Th>Limits</Th>
              <Th>Status</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <TBody>
            {plans.data.plans.map((plan) => (
              <tr key={plan.id}>
                <Td>
                  <span className="font-medium">{plan.name}</span> <code className="text-xs">{plan.id}</code>
                </Td>
                <Td>{price(plan)}</Td>
                <Td className="text-xs">{limitsOf(plan)}</Td>
                <Td>
                  {plan.archived ? (
                    <Badge tone="gray">Archived</Badge>
                  ) : plan.public ? (
                    <Badge tone="green">Public</Badge>
                  ) : (
                    <Badge tone="indigo">Hidden</Badge>
                  )}
                </Td>
                <Td>
                  <Button variant="secondary" size="sm" onClick={() => setEditing(plan)}>
                    Edit {plan.name}
                  </Button>
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}
      {editing !== undefined && (
        <PlanForm
          key={editing?.id ?? 'new'}
          plan={editing}
          open
          onOpenChange={(open) => !open && setEditing(undefined)}
          onDone={refresh}
        />
      )}
    </>
  );
}
