import { useProviderKeys } from '../../models/models-api';
import { useMemberNames } from '../../team/team-api';
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

/** Who published a version: a member, an API key, or someone who has left. */
export function useAuthorName(): (createdBy: string | null) => string {
  const memberName = useMemberNames();
  return (createdBy) => (createdBy?.startsWith('key_') ? 'An API key' : createdBy ? memberName(createdBy) : '—');
}
