import { z } from './z';

// Usage: messages, tokens and cost per month and per agent.

const Totals = {
  messages: z.number().openapi({ description: 'Bot answers (extractive ones included, with 0 tokens)' }),
  tokensIn: z.number(),
  tokensOut: z.number(),
  costUsd: z.number(),
  unpricedMessages: z
    .number()
    .openapi({ description: 'Answers of models without a known price: their cost counts as 0 (set MODEL_PRICES)' }),
};
export const UsageReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    currency: z.literal('USD'),
    totals: z.object(Totals),
    months: z.array(z.object({ month: z.string(), ...Totals })),
    agents: z.array(z.object({ agentId: z.string(), agentName: z.string().nullable(), ...Totals })),
  })
  .openapi('UsageReport');
const month = (description: string) => z.string().max(7).optional().openapi({ example: '2026-10', description });

export const usageRangeQuery = z.object({
  from: month('First month; default five months before `to`'),
  to: month('Last month; default this month'),
});
