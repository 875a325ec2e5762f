import { ForbiddenError, NotFoundError } from '../../platform/errors';
import { scopeReaches, scopeShares, type KnowledgeScope } from '../agents';

/**
 * The knowledge rules of an API key limited to some agents (the scope comes from
 * agents/knowledge-scope). Read: the sources its agents use, the gaps of its agents'
 * conversations. Change: only sources no agent outside the key uses. Add: only when every
 * agent that would pick the new source up (those answering from every source) is the key's.
 * Everyone else (a null scope) is unaffected.
 */
const LIMITED = 'This API key is limited to some agents';

export const sourceNotFound = (id: string) =>
  new NotFoundError('Knowledge source', 'not_found', { table: 'knowledge_sources', id });

export function readableSource(scope: KnowledgeScope | null, sourceId: string): boolean {
  return !scope || scopeReaches(scope, sourceId);
}

/** A source outside the key's agents is absent to it, like another agent. */
export function assertSourceReadable(scope: KnowledgeScope | null, sourceId: string): void {
  if (!readableSource(scope, sourceId)) throw sourceNotFound(sourceId);
}

/** Changing a source changes the answers of every agent that uses it. */
export function assertSourceWritable(scope: KnowledgeScope | null, sourceId: string, what = 'this source'): void {
  assertSourceReadable(scope, sourceId);
  if (scope && scopeShares(scope, sourceId)) {
    throw new ForbiddenError(
      `${LIMITED}, and agents outside it also answer from ${what}: it cannot change it. Use a key for the whole workspace.`,
      'knowledge_shared',
    );
  }
}

/** A new source is used at once by every agent that answers from every source. */
export function assertMayAddSource(scope: KnowledgeScope | null, what = 'knowledge'): void {
  if (!scope) return;
  if (scope.othersAll) {
    throw new ForbiddenError(
      `${LIMITED}, and agents outside it answer from every source: it cannot add ${what} they would use. Use a key for the whole workspace.`,
      'knowledge_shared',
    );
  }
  if (!scope.all) {
    throw new ForbiddenError(
      `${LIMITED}, and none of them answers from every source: ${what} it added would reach none of them. Add it with a key for the whole workspace and choose it in the agent.`,
      'knowledge_scope',
    );
  }
}

/** The sources a limited key may search, or undefined to keep the request's choice. */
export function searchableSources(
  scope: KnowledgeScope | null,
  requested: readonly string[] | null | undefined,
): string[] | null | undefined {
  if (!scope || scope.all) return requested && [...requested];
  return (requested ?? [...scope.sourceIds]).filter((id) => scope.sourceIds.has(id));
}
