import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Button } from '../../components/button';
import { formatDateTime } from '../../lib/format';
import { call, useClient } from '../../lib/client';
import { useCan, useWorkspace } from '../../lib/workspace';
import type { ConversationDetail } from './inbox-api';

/** "Firefox 140 on Windows" from a user agent, roughly; the full string is in the title. */
function browserOf(userAgent: string): string {
  const browser = /(Edg|OPR|Firefox|Chrome|Safari)\/(\d+)/.exec(userAgent);
  const os = /Windows|Mac OS X|Android|iPhone|iPad|Linux/.exec(userAgent)?.[0]?.replace('Mac OS X', 'macOS');
  const name = browser ? `${{ Edg: 'Edge', OPR: 'Opera' }[browser[1]!] ?? browser[1]} ${browser[2]}` : 'A browser';
  return os ? `${name} on ${os}` : name;
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-words text-sm text-slate-800">{children}</dd>
    </div>
  );
}

/** How the visitor rated the conversation once it was closed: stars, the number, their comment. */
function Rating({ rating }: { rating: NonNullable<ConversationDetail['rating']> }) {
  return (
    <section>
      <h2 className="text-sm font-semibold text-slate-900">Rating</h2>
      <p className="mt-2 flex items-center gap-2 text-sm text-slate-800">
        <span aria-hidden="true" className="tracking-wider text-amber-500">
          {'★'.repeat(rating.rating)}
          <span className="text-slate-300">{'★'.repeat(5 - rating.rating)}</span>
        </span>
        <span>{rating.rating} out of 5</span>
      </p>
      {rating.comment && (
        <p className="mt-1.5 whitespace-pre-wrap border-l-2 border-slate-200 pl-2.5 text-sm italic text-slate-700">
          {rating.comment}
        </p>
      )}
      <p className="mt-1 text-xs text-slate-500">{formatDateTime(rating.ratedAt)}</p>
    </section>
  );
}

/** Who the visitor is, where they are, how they rated it, what they left (leads), and the latest summary. */
export function VisitorPanel({ detail, online }: { detail: ConversationDetail; online: boolean | null }) {
  const { workspace } = useWorkspace();
  const client = useClient();
  const queryClient = useQueryClient();
  const can = useCan();
  const { visitor, leads, agent, conversation } = detail;
  const summary = [...detail.notes].reverse().find((n) => n.kind === 'summary');
  const summarize = useMutation({
    mutationFn: () =>
      call(client.POST('/api/v1/inbox/conversations/{id}/summary', { params: { path: { id: conversation.id } } })),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: ['w', workspace.id, 'inbox', 'detail', conversation.id] }),
  });
  return (
    <aside aria-label="Visitor details" className="space-y-5 p-4">
      <section>
        <h2 className="text-sm font-semibold text-slate-900">Visitor</h2>
        <dl className="mt-2 space-y-2.5">
          <Item label="Name">{visitor.name ?? 'Not given'}</Item>
          {visitor.email && <Item label="Email">{visitor.email}</Item>}
          {visitor.phone && <Item label="Phone">{visitor.phone}</Item>}
          <Item label="Presence">{online === null ? 'Unknown' : online ? 'Online now' : 'Gone'}</Item>
          {visitor.page && <Item label="Page">{visitor.page}</Item>}
          {visitor.userAgent && (
            <Item label="Browser">
              <span title={visitor.userAgent}>{browserOf(visitor.userAgent)}</span>
            </Item>
          )}
          <Item label="Channel">
            {conversation.channel}
            {agent ? ` · ${agent.name}` : ''}
          </Item>
          <Item label="Started">{formatDateTime(conversation.createdAt)}</Item>
          {conversation.handoffReason && <Item label="Why a person">{conversation.handoffReason}</Item>}
          {conversation.askContact && <Item label="Contact">Asked for contact details (outside business hours)</Item>}
        </dl>
      </section>
      {detail.rating && <Rating rating={detail.rating} />}
      {leads.length > 0 && (
        <section>
          <h2 className="text-sm font-semibold text-slate-900">Lead</h2>
          <ul className="mt-2 space-y-2 text-sm">
            {leads.map((lead) => (
              <li key={lead.id} className="rounded-lg border border-slate-200 p-2.5">
                {[lead.name, lead.email, lead.phone].filter(Boolean).join(' · ')}
                <span className="block text-xs text-slate-500">
                  {lead.status} · {formatDateTime(lead.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section>
        <h2 className="text-sm font-semibold text-slate-900">Summary</h2>
        <p className="mt-2 whitespace-pre-wrap text-sm text-slate-700">
          {summary?.content ?? 'A summary is written when someone takes the conversation over.'}
        </p>
        {can('conversations.reply') && (
          <Button
            size="sm"
            variant="secondary"
            className="mt-2"
            pending={summarize.isPending}
            onClick={() => summarize.mutate()}
          >
            Summarize now
          </Button>
        )}
      </section>
    </aside>
  );
}
