import type { PlanLimit } from '@switchboard/contract/plans';

/** The limits counted from the workspace's rows (the monthly ones are metered: allowance.ts). */
export type CountedLimit = Exclude<PlanLimit, 'messagesPerMonth' | 'modelSpendUsdPerMonth'>;

export const COUNTED_LIMITS: readonly CountedLimit[] = [
  'agents',
  'members',
  'knowledgeSources',
  'storedBytes',
  'channels',
  'webhookEndpoints',
  'customActions',
];

/**
 * One statement per limit, run in the workspace's transaction (row-level security keeps it to
 * the workspace). Raw SQL over other modules' tables keeps this module free of imports that
 * would cycle back (those modules call assertWithinLimit). Archived agents do not count;
 * pending, unexpired invitations count as members (they become members without asking).
 */
export const COUNTED_SQL: Record<CountedLimit, string> = {
  agents: `SELECT count(*) AS used FROM agents WHERE status <> 'archived'`,
  members: `SELECT (SELECT count(*) FROM memberships) + (SELECT count(*) FROM invitations WHERE status = 'pending' AND expires_at > now()) AS used`,
  knowledgeSources: `SELECT count(*) AS used FROM knowledge_sources`,
  storedBytes: `SELECT coalesce(sum((file->>'size')::bigint), 0) AS used FROM knowledge_sources WHERE file IS NOT NULL`,
  channels: `SELECT count(*) AS used FROM channel_connections`,
  webhookEndpoints: `SELECT count(*) AS used FROM webhook_endpoints`,
  customActions: `SELECT count(*) AS used FROM actions`,
};
