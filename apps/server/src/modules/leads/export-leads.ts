import { asc, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { CSV_BOM, csvRow } from './csv';
import { leadFilters } from '@switchboard/contract/leads';
import { leadConditions, type LeadFilters } from './lead-filters';
import { readLeadPage } from './list-leads';
import { leadNotes, leads, type LeadRow } from './schema';

const PAGE = 500;
const MAX_FIELD_COLUMNS = 100;
const FIXED = [
  'id',
  'created_at',
  'updated_at',
  'status',
  'name',
  'email',
  'phone',
  'source',
  'agent_id',
  'conversation_id',
  'consent',
  'consent_text',
  'consent_at',
] as const;

export interface LeadExport {
  filename: string;
  /** The CSV in pieces, read page by page (no transaction is held between pieces). */
  chunks: AsyncGenerator<string>;
}

async function fieldKeysOf(ctx: ServiceContext, filters: LeadFilters): Promise<string[]> {
  const where = leadConditions(ctx, filters) ?? sql`true`;
  const { rows } = await withTenant(ctx, (tx) =>
    tx.db.execute<{ key: string }>(
      sql`SELECT DISTINCT k.key FROM ${leads} CROSS JOIN LATERAL jsonb_object_keys(${leads.fields}) AS k(key) WHERE ${where} ORDER BY 1 LIMIT ${MAX_FIELD_COLUMNS}`,
    ),
  );
  return rows.map((r) => r.key);
}

function fixedCells(lead: LeadRow): unknown[] {
  return [
    lead.id,
    lead.createdAt,
    lead.updatedAt,
    lead.status,
    lead.name,
    lead.email,
    lead.phone,
    lead.source,
    lead.agentId,
    lead.conversationId,
    lead.consent,
    lead.consentText,
    lead.consentAt,
  ];
}

async function* csvChunks(ctx: ServiceContext, filters: LeadFilters, keys: string[]): AsyncGenerator<string> {
  const header = keys.map((k) => ((FIXED as readonly string[]).includes(k) || k === 'notes' ? `field_${k}` : k));
  yield CSV_BOM + csvRow([...FIXED, ...header, 'notes']);
  let cursor: string | undefined;
  do {
    const { rows, nextCursor, notes } = await withTenant(ctx, async (tx) => {
      const page = await readLeadPage(tx, ctx, filters, PAGE, cursor);
      const ids = page.rows.map((r) => r.id);
      const found = ids.length
        ? await tx.db.select().from(leadNotes).where(inArray(leadNotes.leadId, ids)).orderBy(asc(leadNotes.createdAt))
        : [];
      return { ...page, notes: found };
    });
    let out = '';
    for (const lead of rows) {
      const text = notes
        .filter((n) => n.leadId === lead.id)
        .map((n) => `${n.createdAt.toISOString()} ${n.authorLabel}: ${n.text}`)
        .join('\n\n');
      out += csvRow([...fixedCells(lead), ...keys.map((k) => lead.fields[k] ?? ''), text]);
    }
    if (out) yield out;
    cursor = nextCursor ?? undefined;
  } while (cursor);
}

/**
 * The leads matching the filters as CSV, newest first: one column per custom field key found,
 * notes in the last column. Permission and filters are checked before the first byte, so a
 * refusal is a proper error response rather than a broken download.
 */
export async function exportLeads(
  ctx: ServiceContext,
  input: z.input<typeof leadFilters>,
  now = new Date(),
): Promise<LeadExport> {
  assertCan(ctx, 'leads.read');
  const filters = leadFilters.parse(input);
  const keys = await fieldKeysOf(ctx, filters);
  return { filename: `leads-${now.toISOString().slice(0, 10)}.csv`, chunks: csvChunks(ctx, filters, keys) };
}
