import { eq } from 'drizzle-orm';
import { NotFoundError } from '../../platform/errors';
import type { ServiceContext, Tx } from '../../platform/tenancy';
import { visibleToActor } from './lead-filters';
import { leads, type LeadRow } from './schema';

/** The lead, or 404 (another workspace's id is simply absent under RLS, and logged as a probe). */
export async function loadLead(tx: Tx, ctx: ServiceContext, id: string, lock = false): Promise<LeadRow> {
  const query = tx.db.select().from(leads).where(eq(leads.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row || !visibleToActor(ctx, row.agentId)) throw new NotFoundError('Lead', 'not_found', { table: 'leads', id });
  return row;
}
