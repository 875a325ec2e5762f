import { useState } from 'react';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { Table, TBody, Td, Th } from '../../components/table';
import { post } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { ROLE_LABELS } from '../../lib/permissions';
import { useSession } from '../../lib/session';
import type { TenantMember } from './admin-api';

/** The workspace's members, each of whom the administrator can impersonate (audited, one hour). */
export function TenantMembers({ members }: { members: TenantMember[] }) {
  const me = useSession();
  const [target, setTarget] = useState<TenantMember | null>(null);
  const label = (m: TenantMember) => m.name || m.email;
  return (
    <section aria-labelledby="tenant-members-heading">
      <h2 id="tenant-members-heading" className="mb-3 text-lg font-semibold">
        Members
      </h2>
      {members.length === 0 ? (
        <EmptyState title="No members" />
      ) : (
        <Table label="Members">
          <thead>
            <tr>
              <Th>Member</Th>
              <Th>Role</Th>
              <Th>Joined</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <TBody>
            {members.map((member) => (
              <tr key={member.userId}>
                <Td>
                  <div className="font-medium text-slate-900">{member.name || '—'}</div>
                  <div className="text-slate-500">{member.email}</div>
                </Td>
                <Td>
                  <Badge>{ROLE_LABELS[member.role] ?? member.role}</Badge>
                </Td>
                <Td className="whitespace-nowrap">{formatDate(member.joinedAt)}</Td>
                <Td className="text-right">
                  {member.userId !== me.user.id && (
                    <Button
                      variant="secondary"
                      size="sm"
                      aria-label={`Impersonate ${label(member)}`}
                      onClick={() => setTarget(member)}
                    >
                      Impersonate
                    </Button>
                  )}
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}
      <ConfirmDialog
        open={target !== null}
        onOpenChange={(open) => !open && setTarget(null)}
        title={`Sign in as ${target ? label(target) : ''}?`}
        description="For one hour you see and do exactly what they can. Every action is recorded in the audit log of their workspaces, marked as yours. Stop at any time from the banner."
        confirmLabel="Start impersonating"
        destructive={false}
        onConfirm={() => post('/api/admin/impersonate', { userId: target!.userId })}
        // A full reload: the session cookie now belongs to them, every cached answer to you.
        onDone={() => window.location.assign('/')}
      />
    </section>
  );
}
