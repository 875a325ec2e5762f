import { CHANNELS } from '@switchboard/contract/enums';
import { useSession } from '../../lib/session';
import { useAgentsList, useInboxMembers } from './inbox-api';
import type { Filters } from './inbox-filters';

const STATUSES: Array<[Filters['status'], string]> = [
  ['open', 'Open (waiting or with a person)'],
  ['pending_human', 'Waiting for a person'],
  ['human', 'With a person'],
  ['bot', 'With the bot'],
  ['closed', 'Closed'],
  ['all', 'All'],
];
const SELECT = 'w-full rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm';

/** Status, assignee, agent and channel filters of the list. */
export function ListFilters({ filters, onChange }: { filters: Filters; onChange: (next: Filters) => void }) {
  const members = useInboxMembers();
  const agents = useAgentsList();
  const me = useSession().user.id;
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  return (
    <fieldset className="grid grid-cols-2 gap-2 border-b border-slate-200 p-3">
      <legend className="sr-only">Filter conversations</legend>
      <label className="col-span-2 text-xs font-medium text-slate-600">
        Status
        <select
          className={SELECT}
          value={filters.status}
          onChange={(e) => set({ status: e.target.value as Filters['status'] })}
        >
          {STATUSES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs font-medium text-slate-600">
        Assignee
        <select className={SELECT} value={filters.assignee} onChange={(e) => set({ assignee: e.target.value })}>
          <option value="anyone">Anyone</option>
          <option value="me">Me</option>
          <option value="unassigned">Unassigned</option>
          {(members.data ?? [])
            .filter((m) => m.assignable && m.userId !== me)
            .map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name || m.email}
              </option>
            ))}
        </select>
      </label>
      <label className="text-xs font-medium text-slate-600">
        Channel
        <select className={SELECT} value={filters.channel} onChange={(e) => set({ channel: e.target.value })}>
          <option value="">Any</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label className="col-span-2 text-xs font-medium text-slate-600">
        Agent
        <select className={SELECT} value={filters.agentId} onChange={(e) => set({ agentId: e.target.value })}>
          <option value="">Any agent</option>
          {(agents.data ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
