import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/support/database';
import { createTenant } from '../modules/tenants';
import { MERGE_DUPLICATE_LEADS_SQL } from './0006_lead_notes';

/**
 * Migration 0006 makes a conversation's lead unique. Leads captured twice in one conversation
 * before it must merge into one, losing nothing: this replays the merge on such rows (the
 * unique index and foreign key are lifted inside a transaction that is rolled back).
 */
const testDb = useTestDatabase();
const pool = () => testDb.current.database.pool;

describe('0006: one lead per conversation', () => {
  it('folds leads of one conversation into the earliest, keeping the latest details, every field and note', async () => {
    const tenant = (await createTenant({ name: 'Merge' })).id;
    const client = await pool().connect();
    try {
      await client.query('BEGIN');
      await client.query('ALTER TABLE leads DROP CONSTRAINT leads_conversation_fk; DROP INDEX leads_conversation');
      const lead = (
        id: string,
        conversation: string | null,
        at: string,
        values: { name?: string; email?: string; phone?: string; fields?: object; status?: string; consent?: boolean },
      ) =>
        client.query(
          `INSERT INTO leads (tenant_id, id, conversation_id, name, email, phone, fields, status, consent, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
          [
            tenant,
            id,
            conversation,
            values.name ?? null,
            values.email ?? null,
            values.phone ?? null,
            JSON.stringify(values.fields ?? {}),
            values.status ?? 'new',
            values.consent ?? false,
            at,
          ],
        );
      await lead('lead_first', 'conv_one', '2024-01-01T10:00:00Z', {
        name: 'Ada',
        phone: '+44 111 111',
        fields: { company: 'Old', size: '10' },
        status: 'contacted',
      });
      await lead('lead_second', 'conv_one', '2024-01-01T10:05:00Z', {
        email: 'ada@example.test',
        fields: { company: 'New' },
        consent: true,
      });
      await lead('lead_third', 'conv_one', '2024-01-01T10:09:00Z', {
        name: 'Ada Lovelace',
        fields: { topic: 'Pricing' },
      });
      await lead('lead_other', 'conv_two', '2024-01-01T11:00:00Z', { name: 'Grace' });
      await lead('lead_loose', null, '2024-01-01T12:00:00Z', { name: 'Alan' });
      for (const [id, leadId] of [
        ['note_a', 'lead_first'],
        ['note_b', 'lead_third'],
      ]) {
        await client.query(
          `INSERT INTO lead_notes (tenant_id, id, lead_id, author_type, author_label, text) VALUES ($1, $2, $3, 'user', 'x@example.test', 'n')`,
          [tenant, id, leadId],
        );
      }

      await client.query(MERGE_DUPLICATE_LEADS_SQL);

      const { rows } = await client.query(
        `SELECT id, conversation_id, name, email, phone, fields, status, consent FROM leads WHERE tenant_id = $1 ORDER BY id`,
        [tenant],
      );
      expect(rows).toEqual([
        {
          id: 'lead_first',
          conversation_id: 'conv_one',
          name: 'Ada Lovelace',
          email: 'ada@example.test',
          phone: '+44 111 111',
          fields: { company: 'New', size: '10', topic: 'Pricing' },
          status: 'contacted',
          consent: true,
        },
        {
          id: 'lead_loose',
          conversation_id: null,
          name: 'Alan',
          email: null,
          phone: null,
          fields: {},
          status: 'new',
          consent: false,
        },
        {
          id: 'lead_other',
          conversation_id: 'conv_two',
          name: 'Grace',
          email: null,
          phone: null,
          fields: {},
          status: 'new',
          consent: false,
        },
      ]);
      const notes = await client.query(`SELECT id, lead_id FROM lead_notes WHERE tenant_id = $1 ORDER BY id`, [tenant]);
      expect(notes.rows).toEqual([
        { id: 'note_a', lead_id: 'lead_first' },
        { id: 'note_b', lead_id: 'lead_first' },
      ]);
      // What the migration creates next now succeeds.
      await client.query(
        `CREATE UNIQUE INDEX leads_conversation ON leads (tenant_id, conversation_id) WHERE conversation_id IS NOT NULL`,
      );
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
