import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { SelectField } from '../../components/field';
import { useToast } from '../../components/toast';
import { api } from '../../lib/api';
import { usePlans } from './plans-api';

/** Puts a workspace on a plan by hand (audited; takes effect at once). */
export function WorkspacePlan({
  tenantId,
  current,
  onDone,
}: {
  tenantId: string;
  current: string;
  onDone: () => void;
}) {
  const plans = usePlans();
  const notify = useToast();
  const [chosen, setChosen] = useState(current);
  const assign = useMutation({
    mutationFn: () =>
      api(`/api/v1/admin/workspaces/${encodeURIComponent(tenantId)}/plan`, {
        method: 'PUT',
        json: { planId: chosen },
      }),
    onSuccess: () => {
      notify('Plan changed.');
      onDone();
    },
  });
  return (
    <section aria-labelledby="workspace-plan-heading" className="mb-8">
      <h2 id="workspace-plan-heading" className="mb-3 text-lg font-semibold">
        Plan
      </h2>
      <div className="flex flex-wrap items-end gap-3">
        <SelectField
          label="Plan of this workspace"
          fieldClassName="w-64"
          value={chosen}
          onChange={(e) => setChosen(e.target.value)}
          disabled={!plans.data}
        >
          {(plans.data?.plans ?? [{ id: current, name: current, archived: false }]).map((plan) => (
            <option key={plan.id} value={plan.id} disabled={plan.archived && plan.id !== current}>
              {plan.name}
              {plan.archived ? ' (archived)' : ''}
            </option>
          ))}
        </SelectField>
        <Button onClick={() => assign.mutate()} disabled={chosen === current || assign.isPending}>
          Change plan
        </Button>
      </div>
      <ErrorAlert error={assign.error ?? plans.error} className="mt-2" />
    </section>
  );
}
