import { Table, TBody, Td, Th } from '../../components/table';
import { formatDateTime } from '../../lib/format';
import type { Lead } from './leads-api';
import { LeadStatusBadge, sourceLabel } from './lead-status';

export const leadTitle = (lead: Pick<Lead, 'name' | 'email' | 'phone'>) =>
  lead.name || lead.email || lead.phone || 'Unnamed lead';

export function LeadsTable({
  leads,
  agentName,
  onOpen,
  selectedId,
}: {
  leads: Lead[];
  agentName: (id: string | null) => string;
  onOpen: (id: string) => void;
  selectedId: string | null;
}) {
  return (
    <Table label="Leads">
      <thead>
        <tr>
          <Th>Lead</Th>
          <Th>Phone</Th>
          <Th>Status</Th>
          <Th>Source</Th>
          <Th>Agent</Th>
          <Th>Created</Th>
        </tr>
      </thead>
      <TBody>
        {leads.map((lead) => (
          <tr key={lead.id} className={lead.id === selectedId ? 'bg-indigo-50/60' : 'hover:bg-slate-50'}>
            <Td>
              <button
                type="button"
                className="text-left font-medium text-indigo-700 underline-offset-2 hover:underline"
                onClick={() => onOpen(lead.id)}
                aria-haspopup="dialog"
              >
                {leadTitle(lead)}
              </button>
              {lead.name && lead.email && <div className="text-slate-500">{lead.email}</div>}
            </Td>
            <Td className="whitespace-nowrap">{lead.phone ?? '—'}</Td>
            <Td>
              <LeadStatusBadge status={lead.status} />
            </Td>
            <Td className="whitespace-nowrap">{sourceLabel(lead.source)}</Td>
            <Td>{agentName(lead.agentId)}</Td>
            <Td className="whitespace-nowrap">{formatDateTime(lead.createdAt)}</Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
