import { ConflictError } from '../../../platform/errors';
import type { ServiceContext } from '../../../platform/tenancy';
import { assertCan } from '../../access';
import {
  answerPassages,
  composeExtractive,
  isRelevant,
  KNOWLEDGE_IS_DATA,
  knowledgeBlock,
  toCitation,
  type Citation,
} from '../../chat';
import { questionEmbedding, retrieve, tsConfigFor, type Passage } from '../../knowledge';
import { resolveModelTarget } from '../../providers';
import { asChat, completeText } from './complete';
import { copilotContext, unansweredQuestion } from './context';

export interface Draft {
  content: string;
  citations: Citation[];
  /** `model` (written by the agent's model) or `extractive` (composed from the knowledge). */
  source: 'model' | 'extractive';
  model: string | null;
}

const HOLDING: Record<string, string> = {
  en: 'Thanks for your message. Let me look into this and get back to you shortly.',
  es: 'Gracias por tu mensaje. Déjame revisarlo y te respondo enseguida.',
  fr: 'Merci pour votre message. Je regarde cela et je reviens vers vous rapidement.',
  de: 'Danke für Ihre Nachricht. Ich sehe mir das an und melde mich gleich.',
  pt: 'Obrigado pela sua mensagem. Vou verificar e respondo em breve.',
};

function draftPrompt(passages: Passage[], agentName: string): string {
  return [
    `You draft replies for a person on the customer-service team of the business behind the assistant "${agentName}".`,
    'Write the reply they will send to the visitor next (they will read and edit it first): friendly, plain, in the visitor’s language, without greeting again if the conversation is under way.',
    'Answer from the knowledge below and cite the passages you use with their numbers in square brackets, like [1]. Never invent facts or numbers.',
    'If the knowledge does not answer it, write a short, honest holding reply. Do not say you are an AI; you write as the person.',
    KNOWLEDGE_IS_DATA,
    passages.length ? `Knowledge:\n${knowledgeBlock(passages)}` : 'Knowledge: nothing relevant was found.',
  ].join('\n\n');
}

/**
 * A reply for the member to insert and edit, from the same retrieval the bot uses and with
 * its citations: the agent's model when it has one (and it answers), else composed from the
 * best passages, else a holding reply.
 */
export async function draftReply(ctx: ServiceContext, conversationId: string): Promise<Draft> {
  assertCan(ctx, 'conversations.reply');
  const context = await copilotContext(ctx, conversationId);
  const question = unansweredQuestion(context.history);
  if (!question) throw new ConflictError('The visitor hasn’t written anything to reply to yet.', 'nothing_to_answer');
  const { config, language } = context;
  const embedding = await questionEmbedding(question, AbortSignal.timeout(10_000));
  const passages = answerPassages(
    await retrieve(
      ctx,
      {
        query: question,
        sourceIds: config.knowledge.sourceIds,
        topK: config.knowledge.topK,
        minScore: config.knowledge.minScore,
        tsConfig: tsConfigFor(config.language === 'auto' ? language : config.language),
      },
      embedding,
    ),
  );
  const target = config.answerMode === 'extractive' ? null : await resolveModelTarget(ctx, config.model);
  if (target) {
    const fallback = await resolveModelTarget(ctx, config.fallbackModel);
    const written = await completeText(target, {
      system: draftPrompt(passages, config.name),
      messages: asChat(context.history),
      maxOutputTokens: 600,
      fallback,
    });
    if (written) {
      const used = [...new Set([...written.text.matchAll(/\[(\d{1,2})\]/g)].map((m) => Number(m[1])))].filter(
        (n) => n >= 1 && n <= passages.length,
      );
      return {
        content: written.text,
        citations: used.map((n) => toCitation(passages[n - 1]!, n)),
        source: 'model',
        model: written.model,
      };
    }
  }
  if (!passages.some(isRelevant))
    return { content: HOLDING[language.slice(0, 2)] ?? HOLDING.en!, citations: [], source: 'extractive', model: null };
  const composed = composeExtractive(question, passages, language);
  return { content: composed.text, citations: composed.citations, source: 'extractive', model: null };
}
