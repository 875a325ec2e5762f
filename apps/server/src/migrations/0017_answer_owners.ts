import { APP_ROLE } from '../platform/db/roles';
import { platformTableSql } from '../platform/db/rls-sql';
import type { Migration } from '../platform/db/migrate';

/**
 * Who is streaming an answer, and whether they are still alive: each server process that
 * answers registers itself and beats (platform/processes), and an answer's claim names its
 * process. An answer whose process stopped beating can no longer be finished: recovery marks
 * it interrupted, and a retry with its Idempotency-Key may answer it again.
 */
export const m0017: Migration = {
  id: '0017_answer_owners',
  sql: `
CREATE TABLE server_processes (
  id text PRIMARY KEY,
  host text NOT NULL,
  pid integer NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  beat_at timestamptz NOT NULL DEFAULT now()
);
${platformTableSql('server_processes')}
-- A turn (a tenant transaction) asks whether the process streaming an answer is alive: the
-- id and the last beat only, nothing about any tenant.
GRANT SELECT (id, beat_at) ON server_processes TO ${APP_ROLE};

ALTER TABLE messages ADD COLUMN answered_by text;
-- Recovery looks for the answers still streaming, across tenants: few rows, found at once.
CREATE INDEX messages_streaming ON messages (tenant_id, answered_by) WHERE status = 'streaming';
`,
};
