import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/alert';
import { Loading } from '../../components/spinner';
import { ApiError } from '../../lib/api';
import { useCan, useWorkspace } from '../../lib/workspace';
import { Composer } from './composer';
import { AssigneeLine, ConversationActions } from './conversation-actions';
import { StatusPill } from './conversation-list';
import { useConversationDetail } from './inbox-api';
import { useInboxLive } from './inbox-live';
import { Timeline } from './timeline';
import { useConversationLive } from './use-conversation-live';
import { VisitorPanel } from './visitor-panel';

function Open({ id }: { id: string }) {
  const { workspace } = useWorkspace();
  const can = useCan();
  const detail = useConversationDetail(id);
  const live = useConversationLive(id);
  // The conversation's own stream knows the visitor's presence once it changes; the inbox's may know it from before.
  const inboxLive = useInboxLive();
  if (detail.isPending) return <Loading label="Opening the conversation…" className="px-4" />;
  if (detail.isError) {
    const gone = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <div className="p-6">
        <ErrorAlert error={gone ? undefined : detail.error}>
          {gone && <p>This conversation doesn’t exist (or belongs to another workspace).</p>}
        </ErrorAlert>
        <Link className="mt-3 inline-block text-sm text-indigo-700 underline" to={`/w/${workspace.id}/inbox`}>
          Back to the inbox
        </Link>
      </div>
    );
  }
  const data = detail.data;
  const { conversation } = data;
  return (
    <div className="flex min-h-0 min-w-0 flex-1">
      <section aria-label="Conversation" className="flex min-w-0 flex-1 flex-col">
        <header className="space-y-2 border-b border-slate-200 bg-white px-4 py-3">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="min-w-0 flex-1 truncate text-base font-semibold text-slate-900">
              {data.visitor.name ?? data.visitor.email ?? 'Visitor'} — {conversation.title ?? 'New conversation'}
            </h2>
            <StatusPill status={conversation.status} />
            <AssigneeLine detail={data} />
          </div>
          <ConversationActions detail={data} />
        </header>
        <Timeline detail={data} visitorTyping={live.visitorTyping} />
        {can('conversations.reply') && conversation.status !== 'closed' && <Composer conversationId={id} />}
      </section>
      <div className="hidden w-72 shrink-0 overflow-y-auto border-l border-slate-200 bg-white xl:block">
        <VisitorPanel detail={data} online={live.visitorOnline ?? inboxLive.visitorOnline[id] ?? null} />
      </div>
    </div>
  );
}

/** The right-hand side of the inbox: the conversation chosen in the list, or a prompt to choose one. */
export function ConversationPane() {
  const { conversationId } = useParams();
  if (!conversationId) return <p className="m-auto p-6 text-sm text-slate-500">Choose a conversation on the left.</p>;
  return <Open key={conversationId} id={conversationId} />;
}
