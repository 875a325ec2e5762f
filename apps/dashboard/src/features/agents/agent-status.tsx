import { Badge } from '../../components/badge';
import type { AgentStatus } from './agents-api';

const LABELS: Record<AgentStatus, string> = { active: 'Active', paused: 'Paused', archived: 'Archived' };

export function AgentStatusBadge({ status }: { status: AgentStatus }) {
  return <Badge tone={status === 'active' ? 'green' : status === 'paused' ? 'amber' : 'gray'}>{LABELS[status]}</Badge>;
}
