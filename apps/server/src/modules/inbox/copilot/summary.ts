import type { ServiceContext } from '../../../platform/tenancy';
import { visitorIdentity } from '../../escalation';
import { resolveModelTarget } from '../../providers';
import { asChat, completeText } from './complete';
import { copilotContext, type CopilotContext } from './context';

const quote = (text: string, max = 200) =>
  `“${text.replace(/\s+/g, ' ').trim().slice(0, max)}${text.length > max ? '…' : ''}”`;

/** A plain summary without a model: who, what they asked first and last, how the bot did, why a person, the lead. */
export function extractiveSummary(context: CopilotContext): string {
  const { conversation, history, lead } = context;
  const visitor = visitorIdentity(conversation.metadata);
  const asked = history.filter((m) => m.role === 'user');
  const answers = history.filter((m) => m.role === 'assistant' && m.model !== 'handoff');
  const unanswered = answers.filter((m) => m.citations.length === 0).length;
  const who = [visitor.name, visitor.email].filter(Boolean).join(', ') || 'An anonymous visitor';
  const lines = [`${who}${visitor.page ? ` on ${visitor.page}` : ''}, through ${conversation.channel}.`];
  if (asked.length) lines.push(`First asked: ${quote(asked[0]!.content)}`);
  if (asked.length > 1) lines.push(`Latest: ${quote(asked.at(-1)!.content)}`);
  lines.push(
    `${asked.length} visitor message${asked.length === 1 ? '' : 's'}; the bot answered ${answers.length} time${answers.length === 1 ? '' : 's'}${answers.length ? `, ${unanswered} without finding anything` : ''}.`,
  );
  if (conversation.handoffReason) lines.push(`Handed to a person: ${conversation.handoffReason}`);
  if (lead) lines.push(`Contact left: ${[lead.name, lead.email, lead.phone].filter(Boolean).join(', ')}.`);
  return lines.join('\n');
}

const PROMPT =
  'Summarize this customer-service conversation for a colleague who is taking it over, in 2 to 4 short sentences: ' +
  'who the visitor is if known, what they want, what the assistant already answered, and what is still open. ' +
  'Write in English, plainly, without preamble.';

/** The summary a member gets at takeover: the agent's model when it has one, else the plain summary. */
export async function summarizeConversation(
  ctx: ServiceContext,
  conversationId: string,
): Promise<{ content: string; source: 'model' | 'extractive' }> {
  const context = await copilotContext(ctx, conversationId);
  const target =
    context.config.answerMode === 'extractive' ? null : await resolveModelTarget(ctx, context.config.model);
  if (target && context.history.length) {
    const written = await completeText(target, {
      system: PROMPT,
      messages: asChat(context.history),
      maxOutputTokens: 300,
    });
    if (written) return { content: written.text, source: 'model' };
  }
  return { content: extractiveSummary(context), source: 'extractive' };
}
