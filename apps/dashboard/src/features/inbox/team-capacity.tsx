import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/alert';
import { Section } from '../../components/page-header';
import { Table, TBody, Td, Th } from '../../components/table';
import { ROLE_LABELS } from '../../lib/permissions';
import { call, useClient } from '../../lib/client';
import { useWorkspace } from '../../lib/workspace';
import { useInboxMembers } from './inbox-api';
import { PresenceDot } from './presence';

/** Each member's presence, load, capacity (blank: the default) and on-duty (mail when offline). */
export function TeamCapacity() {
  const { workspace } = useWorkspace();
  const client = useClient();
  const queryClient = useQueryClient();
  const members = useInboxMembers();
  const update = useMutation({
    mutationFn: ({ userId, patch }: { userId: string; patch: { capacity?: number | null; onDuty?: boolean } }) =>
      call(client.PATCH('/api/v1/inbox/members/{userId}', { params: { path: { userId } }, body: patch })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['w', workspace.id, 'inbox', 'members'] }),
  });
  return (
    <Section
      title="Team"
      description="Capacity caps the open conversations auto-assignment gives someone; 0 keeps them out of it."
    >
      <ErrorAlert error={members.error ?? update.error} className="mb-3" />
      <Table label="Team capacity">
        <thead>
          <tr>
            <Th>Member</Th>
            <Th>Open</Th>
            <Th>Capacity</Th>
            <Th>On duty</Th>
          </tr>
        </thead>
        <TBody>
          {(members.data ?? [])
            .filter((m) => m.assignable)
            .map((m) => (
              <tr key={m.userId}>
                <Td>
                  <span className="flex items-center gap-2">
                    <PresenceDot status={m.status} />
                    <span>
                      {m.name || m.email}{' '}
                      <span className="text-xs text-slate-500">
                        {ROLE_LABELS[m.role] ?? m.role} · {m.status}
                      </span>
                    </span>
                  </span>
                </Td>
                <Td>{m.open}</Td>
                <Td>
                  <input
                    type="number"
                    min={0}
                    max={100}
                    aria-label={`Capacity of ${m.name || m.email}`}
                    placeholder={String(m.effectiveCapacity)}
                    defaultValue={m.capacity ?? ''}
                    onBlur={(e) => {
                      const value = e.target.value.trim() === '' ? null : Number(e.target.value);
                      if (value !== m.capacity) update.mutate({ userId: m.userId, patch: { capacity: value } });
                    }}
                    className="w-20 rounded-lg border border-slate-300 px-2 py-1 text-sm"
                  />
                </Td>
                <Td>
                  <input
                    type="checkbox"
                    aria-label={`${m.name || m.email} on duty`}
                    checked={m.onDuty}
                    onChange={(e) => update.mutate({ userId: m.userId, patch: { onDuty: e.target.checked } })}
                    className="h-4 w-4"
                  />
                </Td>
              </tr>
            ))}
        </TBody>
      </Table>
    </Section>
  );
}
