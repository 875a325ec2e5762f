import { PLATFORM_ROLE } from '../platform/db/roles';
import { tenantTableSql } from '../platform/db/rls-sql';
import type { Migration } from '../platform/db/migrate';

/**
 * Folds leads that share a conversation into the earliest one (the one the team may already
 * have worked on): its status stays, the latest non-empty name/email/phone wins (a later
 * submission is a correction), custom fields merge with newer values winning, the later
 * leads' notes move over, then the later leads are deleted. Exported for its test.
 */
export const MERGE_DUPLICATE_LEADS_SQL = `
CREATE TEMPORARY TABLE lead_merge ON COMMIT DROP AS
  SELECT tenant_id, conversation_id,
         (array_agg(id ORDER BY created_at, id))[1] AS keep,
         (array_agg(name ORDER BY created_at DESC, id DESC) FILTER (WHERE name IS NOT NULL))[1] AS name,
         (array_agg(email ORDER BY created_at DESC, id DESC) FILTER (WHERE email IS NOT NULL))[1] AS email,
         (array_agg(phone ORDER BY created_at DESC, id DESC) FILTER (WHERE phone IS NOT NULL))[1] AS phone,
         bool_or(consent) AS consent,
         max(updated_at) AS updated_at
    FROM leads WHERE conversation_id IS NOT NULL
   GROUP BY tenant_id, conversation_id HAVING count(*) > 1;
UPDATE leads l SET
    name = m.name, email = m.email, phone = m.phone, consent = m.consent, updated_at = m.updated_at,
    fields = (SELECT coalesce(jsonb_object_agg(f.key, f.value), '{}'::jsonb) FROM (
               SELECT DISTINCT ON (e.key) e.key, e.value FROM leads d, jsonb_each(d.fields) e
                WHERE d.tenant_id = m.tenant_id AND d.conversation_id = m.conversation_id
                ORDER BY e.key, d.created_at DESC, d.id DESC) f)
  FROM lead_merge m WHERE l.tenant_id = m.tenant_id AND l.id = m.keep;
UPDATE lead_notes n SET lead_id = m.keep
  FROM lead_merge m, leads d
 WHERE d.tenant_id = m.tenant_id AND d.conversation_id = m.conversation_id AND d.id <> m.keep
   AND n.tenant_id = d.tenant_id AND n.lead_id = d.id;
DELETE FROM leads d USING lead_merge m
 WHERE d.tenant_id = m.tenant_id AND d.conversation_id = m.conversation_id AND d.id <> m.keep;
`;

/**
 * Lead notes become rows (author, time, one per note) instead of a JSON array; a lead records
 * the consent text the visitor agreed to and when; one lead per conversation, so a form sent
 * twice updates its lead; a lead's conversation must exist in its workspace.
 *
 * Data moves run as the platform role: with RLS forced, an owner that is not a superuser
 * would see no rows at all.
 */
export const m0006: Migration = {
  id: '0006_lead_notes',
  sql: `
CREATE TABLE lead_notes (
  tenant_id text NOT NULL,
  id text NOT NULL,
  lead_id text NOT NULL,
  author_type text NOT NULL,
  author_id text,
  author_label text NOT NULL,
  text text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, lead_id) REFERENCES leads (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX lead_notes_lead ON lead_notes (tenant_id, lead_id, created_at DESC);
${tenantTableSql('lead_notes')}
ALTER TABLE leads ADD COLUMN consent_text text, ADD COLUMN consent_at timestamptz;

SET LOCAL ROLE ${PLATFORM_ROLE};
INSERT INTO lead_notes (tenant_id, id, lead_id, author_type, author_id, author_label, text, created_at)
  SELECT l.tenant_id, 'note_' || substr(md5(l.id || ':' || e.n), 1, 26), l.id,
         CASE WHEN e.note->>'authorId' IS NULL THEN 'system' ELSE 'user' END, e.note->>'authorId',
         coalesce(e.note->>'authorId', 'system'), e.note->>'text',
         coalesce((e.note->>'at')::timestamptz, l.updated_at)
    FROM leads l, jsonb_array_elements(l.notes) WITH ORDINALITY AS e(note, n)
   WHERE coalesce(e.note->>'text', '') <> '';
${MERGE_DUPLICATE_LEADS_SQL}
SET LOCAL ROLE NONE;

ALTER TABLE leads DROP COLUMN notes;
DROP INDEX leads_conversation;
CREATE UNIQUE INDEX leads_conversation ON leads (tenant_id, conversation_id) WHERE conversation_id IS NOT NULL;
ALTER TABLE leads ADD CONSTRAINT leads_conversation_fk FOREIGN KEY (tenant_id, conversation_id)
  REFERENCES conversations (tenant_id, id) ON DELETE SET NULL (conversation_id) NOT VALID;
CREATE INDEX leads_agent ON leads (tenant_id, agent_id, created_at DESC);
`,
};
