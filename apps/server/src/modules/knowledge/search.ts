import type { z } from 'zod';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { knowledgeScopeOf, limitedAgents } from '../agents';
import { retrieve, type Passage, type retrieveInput } from './retrieve';
import { searchableSources } from './scope';

/**
 * Search for people and API keys (the knowledge search route): a key limited to some agents
 * searches only the sources its agents use, whatever sources it names.
 */
export async function searchKnowledge(
  ctx: ServiceContext,
  input: z.input<typeof retrieveInput>,
  embedding?: number[] | null,
): Promise<Passage[]> {
  assertCan(ctx, 'knowledge.read');
  if (!limitedAgents(ctx)) return retrieve(ctx, input, embedding);
  const scope = await withTenant(ctx, (tx) => knowledgeScopeOf(tx, ctx));
  const sourceIds = searchableSources(scope, input.sourceIds);
  if (sourceIds?.length === 0) return [];
  return retrieve(ctx, { ...input, sourceIds }, embedding);
}
