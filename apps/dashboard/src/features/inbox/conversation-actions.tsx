import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { useToast } from '../../components/toast';
import { useSession } from '../../lib/session';
import { call, useClient } from '../../lib/client';
import { useCan, useWorkspace } from '../../lib/workspace';
import { useInboxMembers } from './inbox-api';
import type { ConversationDetail } from './inbox-api';
import { PresenceDot } from './presence';

/** Take over, assign, release to the bot, close, reopen: what the status allows and the role may. */
/** The conversation's actions, each a POST to `…/conversations/{id}/<action>`. */
type Action = 'takeover' | 'release' | 'close' | 'reopen' | 'assign';

export function ConversationActions({ detail }: { detail: ConversationDetail }) {
  const { workspace } = useWorkspace();
  const can = useCan();
  const me = useSession().user.id;
  const client = useClient();
  const queryClient = useQueryClient();
  const notify = useToast();
  const members = useInboxMembers();
  const [assignee, setAssignee] = useState('');
  const { id, status, assigneeId } = detail.conversation;

  const act = useMutation({
    mutationFn: ({ action, userId }: { action: Action; userId?: string | null; done: string }) =>
      action === 'assign'
        ? call(
            client.POST('/api/v1/inbox/conversations/{id}/assign', {
              params: { path: { id } },
              body: { userId: userId ?? null },
            }),
          )
        : call(client.POST(`/api/v1/inbox/conversations/{id}/${action}`, { params: { path: { id } } })),
    onSuccess: (_result, { done }) => {
      notify(done);
      setAssignee('');
      void queryClient.invalidateQueries({ queryKey: ['w', workspace.id, 'inbox'] });
    },
  });
  if (!can('conversations.reply'))
    return <p className="text-sm text-slate-500">Your role can read this conversation, not act on it.</p>;

  const run = (action: Action, done: string, userId?: string | null) => act.mutate({ action, done, userId });
  const mine = status === 'human' && assigneeId === me;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {status === 'closed' ? (
        <Button size="sm" onClick={() => run('reopen', 'Reopened: it is yours.')} pending={act.isPending}>
          Reopen
        </Button>
      ) : (
        <>
          {!mine && (
            <Button
              size="sm"
              onClick={() => run('takeover', 'You took over: the bot stays silent until you release it.')}
              pending={act.isPending}
            >
              Take over
            </Button>
          )}
          {status !== 'bot' && (
            <Button
              size="sm"
              variant="secondary"
              onClick={() => run('release', 'Handed back to the bot.')}
              disabled={act.isPending}
            >
              Release to bot
            </Button>
          )}
          <label className="flex items-center gap-1.5 text-sm">
            <span className="sr-only">Assign to</span>
            <select
              className="rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm"
              value={assignee}
              onChange={(e) => setAssignee(e.target.value)}
            >
              <option value="">Assign to…</option>
              {status === 'human' && <option value="queue">Back to the queue</option>}
              {(members.data ?? [])
                .filter((m) => m.assignable && !(status === 'human' && m.userId === assigneeId))
                .map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.name || m.email} ({m.status}, {m.open}/{m.effectiveCapacity})
                  </option>
                ))}
            </select>
          </label>
          <Button
            size="sm"
            variant="secondary"
            disabled={!assignee || act.isPending}
            onClick={() =>
              run(
                'assign',
                assignee === 'queue' ? 'Back in the queue.' : 'Assigned.',
                assignee === 'queue' ? null : assignee,
              )
            }
          >
            Assign
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => run('close', 'Conversation closed.')}
            disabled={act.isPending}
          >
            Close
          </Button>
        </>
      )}
      {act.isError && <ErrorAlert error={act.error} size="compact" className="w-full" />}
    </div>
  );
}

export function AssigneeLine({ detail }: { detail: ConversationDetail }) {
  const members = useInboxMembers();
  const assignee = detail.conversation.assignee;
  if (detail.conversation.status !== 'human' || !assignee) return null;
  const status = members.data?.find((m) => m.userId === assignee.id)?.status;
  return (
    <span className="inline-flex items-center gap-1.5 text-sm text-slate-700">
      <PresenceDot status={status} /> {assignee.name}
    </span>
  );
}
