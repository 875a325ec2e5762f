import { and, count, desc, getTableColumns, sql } from 'drizzle-orm';
import { listLeadsInput } from '@switchboard/contract/leads';
import type { z } from 'zod';
import { ValidationError } from '../../platform/errors';
import { withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { assertCan } from '../access';
import { leadConditions, type LeadFilters } from './lead-filters';
import { leads, type LeadRow } from './schema';
import { leadView, type LeadView } from './views';

export interface LeadPage {
  leads: LeadView[];
  nextCursor: string | null;
  /** Leads matching the filters, on every page. */
  total: number;
}

// Microseconds: a cursor rounded to milliseconds would skip rows created in the same millisecond.
const CURSOR = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z)\|(lead_[0-9a-z]{1,40})$/;
const cursorAt = sql<string>`to_char(${leads.createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function afterCursor(cursor: string) {
  const match = CURSOR.exec(cursor);
  if (!match)
    throw new ValidationError(
      'The cursor is not valid; use nextCursor from the previous page.',
      undefined,
      'invalid_cursor',
    );
  return sql`(${leads.createdAt}, ${leads.id}) < (${match[1]}::timestamptz, ${match[2]})`;
}

/** One page of leads, newest first: the list and the CSV export read through this. */
export async function readLeadPage(
  tx: Tx,
  ctx: ServiceContext,
  filters: LeadFilters,
  limit: number,
  cursor?: string,
): Promise<{ rows: LeadRow[]; nextCursor: string | null }> {
  const where = and(leadConditions(ctx, filters), cursor ? afterCursor(cursor) : undefined);
  const found = await tx.db
    .select({ ...getTableColumns(leads), cursorAt })
    .from(leads)
    .where(where)
    .orderBy(desc(leads.createdAt), desc(leads.id))
    .limit(limit + 1);
  const page = found.slice(0, limit);
  const last = page.at(-1);
  const rows = page.map(({ cursorAt: _c, ...row }) => row);
  return { rows, nextCursor: found.length > limit && last ? `${last.cursorAt}|${last.id}` : null };
}

export async function listLeads(ctx: ServiceContext, input: z.input<typeof listLeadsInput>): Promise<LeadPage> {
  assertCan(ctx, 'leads.read');
  const q = listLeadsInput.parse(input);
  return withTenant(ctx, async (tx) => {
    const { rows, nextCursor } = await readLeadPage(tx, ctx, q, q.limit, q.cursor);
    const [counted] = await tx.db.select({ n: count() }).from(leads).where(leadConditions(ctx, q));
    return { leads: rows.map(leadView), nextCursor, total: counted?.n ?? 0 };
  });
}
