import type { LeadSource } from '@switchboard/contract/leads';
import { z } from 'zod';
import type { ChatTool } from '../../../platform/llm';
import type { ServiceContext } from '../../../platform/tenancy';
import type { AgentConfig } from '../../agents';
import { retrieve, type Passage } from '../../knowledge';
import { captureLead } from '../../leads';
import { requestHandoffWithNotice } from '../handoff';
import { knowledgeBlock } from './knowledge-block';
import { detailsNotFromVisitor, visitorMessages } from './visitor-words';

export interface ToolContext {
  ctx: ServiceContext;
  config: AgentConfig;
  conversationId: string;
  agentId: string;
  tsConfig: string;
  /** Passages seen so far; search results join it and get the next numbers. */
  pool: Passage[];
  onHandoff(handoff: { reason: string; askContact: boolean; opensAt: string | null; notice: string | null }): void;
}

// Made once: the model layer converts each schema to JSON Schema once per process (see llm/attempt).
const searchInput = z.object({ query: z.string().min(2).max(300) });
const handoffInput = z.object({ reason: z.string().min(2).max(300) });
const leadInput = z.object({
  name: z.string().max(200).optional(),
  email: z.string().max(320).optional(),
  phone: z.string().max(40).optional(),
  note: z.string().max(1000).optional(),
});

/** The agent's tools: knowledge search, hand-off to a person, lead capture (each if enabled). */
export function buildTools(t: ToolContext): Record<string, ChatTool> {
  const tools: Record<string, ChatTool> = {};
  if (t.config.tools.knowledgeSearch) {
    tools.search_knowledge = {
      description: 'Search the business’s knowledge base. Returns numbered passages to cite.',
      inputSchema: searchInput,
      async execute({ query }: { query: string }) {
        const found = await retrieve(t.ctx, {
          query,
          sourceIds: t.config.knowledge.sourceIds,
          topK: t.config.knowledge.topK,
          minScore: t.config.knowledge.minScore,
          tsConfig: t.tsConfig,
        });
        const fresh = found.filter((p) => !t.pool.some((q) => q.chunkId === p.chunkId));
        t.pool.push(...fresh);
        if (!found.length) return 'Nothing relevant was found.';
        return knowledgeBlock(
          found,
          found.map((p) => t.pool.findIndex((q) => q.chunkId === p.chunkId) + 1),
        );
      },
    };
  }
  if (t.config.tools.handoff) {
    tools.request_human = {
      description: 'Hand the conversation to a person on the team, when the visitor asks for one or you cannot help.',
      inputSchema: handoffInput,
      async execute({ reason }: { reason: string }) {
        // The model tells the visitor itself; outside business hours a notice says when.
        const handoff = await requestHandoffWithNotice(t.ctx, t.conversationId, reason, {
          announce: false,
          source: 'tool',
        });
        t.onHandoff({
          reason,
          askContact: handoff.askContact,
          opensAt: handoff.opensAt,
          notice: handoff.notice?.content ?? null,
        });
        if (handoff.askContact)
          return 'A person has been asked to join, but the team is away now: the visitor was told when to expect an answer. Ask for their email or phone number.';
        return handoff.nobodyOnline
          ? 'A person has been asked to join, but nobody from the team is online right now: the visitor is told so. Do not promise a quick reply; offer to keep helping.'
          : 'A person has been asked to join. Tell the visitor someone will reply here soon.';
      },
    };
  }
  if (t.config.tools.captureLead) {
    tools.capture_lead = {
      description:
        'Save the visitor’s contact details so the team can follow up, exactly as the visitor wrote them. Ask for them first.',
      inputSchema: leadInput,
      async execute(input: { name?: string; email?: string; phone?: string; note?: string }) {
        const foreign = detailsNotFromVisitor(input, await visitorMessages(t.ctx, t.conversationId));
        if (foreign.length) {
          // An error result: the model is told why, and nothing is stored.
          throw new Error(
            `Not saved: the visitor did not write this ${foreign.join(' or ')} in this conversation. Save only contact details the visitor typed themselves, exactly as written; ask them for theirs.`,
          );
        }
        try {
          const lead = await captureLead(
            t.ctx,
            {
              name: input.name ?? null,
              email: input.email ?? null,
              phone: input.phone ?? null,
              fields: input.note ? { note: input.note } : {},
            },
            { conversationId: t.conversationId, agentId: t.agentId, source: 'agent' satisfies LeadSource },
          );
          return `Saved (lead ${lead.id}). Thank the visitor.`;
        } catch (error) {
          return `Not saved: ${(error as Error).message}. Ask the visitor to check their details.`;
        }
      },
    };
  }
  return tools;
}
