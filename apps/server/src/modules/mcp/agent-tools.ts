import { z } from 'zod';
import type { ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { getAgent, listAgents } from '../agents';
import { beginSeededTurn, playTurn, turnFailure, type DoneData } from '../chat';
import { searchKnowledge } from '../knowledge';

/**
 * What the workspace's MCP endpoint does, as the calling API key: every call goes through the
 * same services (and permission checks) as the REST API, so a read-only key cannot ask an
 * agent, and a key limited to some agents sees no other agent and no other agent's sources.
 */

export const searchInput = {
  query: z.string().trim().min(1).max(2000).describe('What to look for'),
  agentId: z
    .string()
    .min(1)
    .max(60)
    .optional()
    .describe('Search only the knowledge this agent uses (an id from list_agents)'),
};
export const askInput = {
  agentId: z.string().min(1).max(60).describe('The agent to ask (an id from list_agents)'),
  question: z.string().trim().min(1).max(4000).describe('The question, as a customer would ask it'),
};

export async function listAgentsText(ctx: ServiceContext): Promise<string> {
  const agents = await listAgents(ctx);
  if (!agents.length) return 'This key can use no agent.';
  return agents.map((a) => `${a.id}: ${a.name}${a.publishedVersion === null ? ' (not published)' : ''}`).join('\n');
}

export async function searchKnowledgeText(
  ctx: ServiceContext,
  input: { query: string; agentId?: string | undefined },
): Promise<string> {
  assertCan(ctx, 'knowledge.read');
  let sourceIds: string[] | null = null;
  if (input.agentId) {
    const agent = await getAgent(ctx, input.agentId);
    sourceIds = (agent.published ?? agent.draft).knowledge.sourceIds ?? null;
  }
  const passages = await searchKnowledge(ctx, { query: input.query, sourceIds, topK: 5 });
  if (!passages.length) return 'Nothing relevant was found.';
  return passages
    .map((p, i) => {
      const where = [p.sourceTitle, p.heading].filter(Boolean).join(' › ');
      return `[${i + 1}] ${where}${p.url ? ` (${p.url})` : ''}\n${p.text}`;
    })
    .join('\n\n');
}

/** The agent's answer to a new conversation (channel `api`), with its sources listed after it. */
export async function askAgentText(
  ctx: ServiceContext,
  input: { agentId: string; question: string },
  signal: AbortSignal,
): Promise<string> {
  const turn = await beginSeededTurn(ctx, { agentId: input.agentId, channel: 'api', content: input.question });
  let done: DoneData | null = null;
  for await (const event of playTurn(ctx, turn, signal)) {
    if (event.event === 'error') throw turnFailure(event.data);
    if (event.event === 'done') done = event.data;
  }
  if (!done) throw new Error('The agent did not answer.');
  const sources = done.citations.map((c) => `[${c.index}] ${c.title ?? 'Source'}${c.url ? ` (${c.url})` : ''}`);
  return sources.length ? `${done.content}\n\nSources:\n${sources.join('\n')}` : done.content;
}
