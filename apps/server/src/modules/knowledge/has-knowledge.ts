import { withTenant, type ServiceContext } from '../../platform/tenancy';

/**
 * Whether an agent has anything to answer from: a source with passages among those it uses
 * (null: every source of the workspace). An agent without knowledge answers from its
 * instructions alone, so finding no passage says nothing about whether it answered.
 */
export async function hasKnowledge(ctx: ServiceContext, sourceIds: string[] | null): Promise<boolean> {
  return withTenant(ctx, async (tx) => {
    const { rows } = await tx.query<{ found: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM knowledge_sources
                       WHERE chunk_count > 0 AND ($1::text[] IS NULL OR id = ANY($1::text[]))) AS found`,
      [sourceIds],
    );
    return rows[0]!.found;
  });
}
