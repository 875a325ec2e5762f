import { useProviderKeys } from '../../models/models-api';
import { useMembers } from '../../team/team-api';
import { useKnowledgeSources } from '../knowledge-sources';
import type { ConfigNames } from './config-fields';

/** Readable names for the ids inside a configuration (sources, provider keys). */
export function useConfigNames(): ConfigNames {
  const sources = useKnowledgeSources();
  const keys = useProviderKeys();
  return {
    source: (id) => sources.data?.find((s) => s.id === id)?.title ?? `Deleted source (${id})`,
    key: (id) => keys.data?.keys.find((k) => k.id === id)?.label ?? `deleted key ${id}`,
  };
}

/** Who published a version: a member, an API key, or someone who has left (once the team has loaded). */
export function useAuthorName(): (createdBy: string | null) => string {
  const members = useMembers();
  return (createdBy) => {
    if (!createdBy) return '—';
    if (createdBy.startsWith('key_')) return 'An API key';
    if (!members.data) return '…';
    const member = members.data.find((m) => m.userId === createdBy);
    return member ? member.name || member.email : 'A former member';
  };
}
