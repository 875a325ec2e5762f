import {
  contextWindow,
  costOf,
  countTokens,
  fitHistoryBeside,
  modelLabel,
  streamChat,
  type LlmError,
} from '../../../platform/llm';
import type { ServiceContext } from '../../../platform/tenancy';
import { hasKnowledge, questionEmbedding, recordGap, retrieve, type Passage } from '../../knowledge';
import { mcpToolsFor } from '../../mcp-servers';
import { resolveModelTarget } from '../../providers';
import type { Citation, ToolCallRecord } from '../schema';
import { conversationLanguage } from '../agent-config';
import { localizedFace } from '../localized';
import { InstructionsGuard } from './confidential';
import { answerPassages, composeExtractive, curatedAnswer, toCitation } from './extractive';
import { phrase } from './phrases';
import { retrievalFor, turnTsConfig } from './retrieval';
import { smallTalk } from './small-talk';
import { systemPrompt } from './prompt';
import { CONFIRM_ACTION_EVENT } from '@switchboard/contract/actions';
import { actionTools, AWAITING_CONFIRMATION, outcomesBlock } from '../../actions';
import { buildTools } from './tools';
import { verifiedVisitor } from './verified-visitor';
import { visitorBlock } from './visitor-block';
import type { BegunTurn, TurnEvent, TurnResult } from './types';

type AnswerTurn = Extract<BegunTurn, { kind: 'answer' }>;

const NO_USAGE = { tokensIn: 0, tokensOut: 0, costUsd: 0, unpriced: false };

/** Streams words of a composed answer, so extractive answers arrive like generated ones. */
function* words(text: string): Generator<TurnEvent> {
  for (const piece of text.match(/\S+\s*|\s+/g) ?? []) yield { event: 'token', data: { text: piece } };
}

/** Citations for the numbers the answer actually uses, in order of first use. */
function citedIn(text: string, pool: Passage[]): Citation[] {
  const used = [...new Set([...text.matchAll(/\[(\d{1,2})\]/g)].map((m) => Number(m[1])))];
  return used.filter((n) => n >= 1 && n <= pool.length).map((n) => toCitation(pool[n - 1]!, n));
}

/**
 * An answer that recited the agent's confidential instructions: what the model wrote is
 * replaced, in the stored message and in `done`; clients that only join tokens get the
 * replacement after the part released before the leak (see confidential.ts).
 */
function* withheld(
  result: TurnResult,
  language: string,
  model: string,
  sentAny: boolean,
): Generator<TurnEvent, TurnResult> {
  result.content = phrase(language, 'confidential');
  result.status = 'complete';
  result.citations = [];
  result.model = model;
  result.error = 'The answer repeated the agent’s confidential instructions and was replaced.';
  yield { event: 'token', data: { text: sentAny ? `\n\n${result.content}` : result.content } };
  return result;
}

function* extractive(
  question: string,
  passages: Passage[],
  language: string,
  fallback: string,
  result: TurnResult,
): Generator<TurnEvent> {
  // Small talk reaches here when the agent's model is unavailable: the same short reply as without one.
  const talk = smallTalk(question);
  const composed = talk
    ? { text: phrase(language, talk), citations: [], found: true }
    : composeExtractive(question, passages, language);
  const answer = composed.found ? composed : { ...composed, text: fallback };
  for (const citation of answer.citations) yield { event: 'citation', data: citation };
  yield* words(answer.text);
  result.content = answer.text;
  result.citations = answer.citations;
  result.offerHuman = !answer.found;
  result.model = 'extractive';
}

/**
 * One answer: retrieval, then a curated Q&A answer, an extractive answer (no model, or the
 * agent says so), or the model with tools. Yields the turn's events; returns what to store.
 */
export async function* generateAnswer(
  ctx: ServiceContext,
  turn: AnswerTurn,
  signal: AbortSignal,
): AsyncGenerator<TurnEvent, TurnResult> {
  const { config, conversation } = turn;
  const question = turn.userMessage.content;
  const language = conversationLanguage(config, conversation);
  const tsConfig = turnTsConfig(config, language);
  const result: TurnResult = {
    content: '',
    status: 'complete',
    citations: [],
    toolCalls: [],
    usage: NO_USAGE,
    model: 'extractive',
    error: null,
    firstTokenMs: null,
    handoff: null,
    offerHuman: false,
  };
  const started = performance.now();

  // Retrieval keeps passages at or above the agent's minimum relevance; of those the answer
  // (the model's context, or the quoted passage) uses the ones close to the best.
  const retrieved =
    turn.passages ??
    (await retrieve(ctx, retrievalFor(config, question, language), await questionEmbedding(question, signal)));
  const passages = answerPassages(retrieved);
  const nothingRelevant = !passages.length;
  if (nothingRelevant && !turn.test && !smallTalk(question))
    await recordGap(ctx, { agentId: conversation.agentId, question, conversationId: conversation.id }).catch(
      () => undefined,
    );

  const target =
    config.answerMode === 'extractive' || turn.modelAllowed === false
      ? null
      : await resolveModelTarget(ctx, config.model);
  if (!target || (config.answerMode === 'hybrid' && curatedAnswer(passages))) {
    yield* extractive(question, passages, language, localizedFace(config, language).fallback, result);
    result.firstTokenMs = Math.round(performance.now() - started);
    return result;
  }

  const pool = [...passages];
  const tools = {
    // The workspace's MCP tools this agent may call: their names (`<server>__<tool>`) never clash with ours.
    ...(await mcpToolsFor(ctx, conversation.agentId)),
    ...buildTools({
      ctx,
      config,
      conversationId: conversation.id,
      agentId: conversation.agentId,
      tsConfig,
      pool,
      onHandoff: (handoff) => (result.handoff = handoff),
    }),
    // The workspace's own actions; an evaluation's answer calls no outside system.
    ...(await actionTools(ctx, {
      actionIds: turn.test ? [] : (config.tools.actionIds ?? []),
      conversationId: conversation.id,
      visitor: verifiedVisitor(conversation),
    })),
  };
  const outcomes = turn.test ? null : await outcomesBlock(ctx, conversation.id);
  const prompt = systemPrompt(
    config,
    passages,
    {
      handoff: Boolean(tools.request_human),
      search: Boolean(tools.search_knowledge),
      lead: Boolean(tools.capture_lead),
    },
    visitorBlock(conversation.metadata),
  );
  const system = outcomes ? `${prompt}\n\n${outcomes}` : prompt;
  const maxTokens = config.model?.maxTokens ?? 800;
  const fallback = await resolveModelTarget(ctx, config.fallbackModel);
  const calls = new Map<string, ToolCallRecord>();
  let failure: LlmError | null = null;
  let cutShortModel: string | null = null;
  // Confidential instructions: text is released as the guard allows; a leak stops reading the
  // model (its request is closed, as when a caller stops reading).
  const guard = InstructionsGuard.for(config.instructions, config.instructionsConfidential);
  const messages = fitHistoryBeside(
    system,
    [...turn.history, { role: 'user', content: question }],
    contextWindow(target) - maxTokens,
  );

  stream: for await (const event of streamChat({
    target,
    ...(fallback && { fallback }),
    system,
    messages,
    tools,
    maxSteps: 4,
    temperature: config.model?.temperature ?? 0.3,
    maxOutputTokens: maxTokens,
    abortSignal: signal,
  })) {
    switch (event.type) {
      case 'text': {
        result.firstTokenMs ??= Math.round(performance.now() - started);
        result.content += event.delta;
        const text = guard ? guard.push(event.delta) : event.delta;
        if (text) yield { event: 'token', data: { text } };
        if (guard?.leaked) break stream;
        break;
      }
      case 'tool-call':
        calls.set(event.id, { id: event.id, name: event.name, input: event.input });
        yield { event: 'tool', data: { name: event.name, input: event.input } };
        break;
      case 'tool-result': {
        const call = calls.get(event.id);
        if (call) call.output = event.output;
        yield { event: 'tool', data: { name: event.name, input: call?.input, output: event.output } };
        // The widget shows the pending action's Confirm and Cancel when it hears this.
        if (event.output === AWAITING_CONFIRMATION)
          yield {
            event: 'tool',
            data: { name: CONFIRM_ACTION_EVENT, input: {}, output: 'Confirm and Cancel shown to the visitor' },
          };
        if (event.name === 'request_human' && result.handoff) {
          const { notice, ...handoff } = result.handoff;
          yield { event: 'handoff', data: { status: 'pending_human', ...handoff, ...(notice && { notice }) } };
        }
        break;
      }
      case 'finish':
        result.usage = {
          tokensIn: event.usage.inputTokens,
          tokensOut: event.usage.outputTokens,
          costUsd: event.costUsd,
          unpriced: !event.priced,
        };
        result.model = event.model;
        break;
      case 'error':
        failure = event.error;
        if (event.partial) {
          result.usage = {
            tokensIn: event.partial.usage.inputTokens,
            tokensOut: event.partial.usage.outputTokens,
            costUsd: event.partial.costUsd,
            unpriced: !event.partial.priced,
          };
          cutShortModel = event.partial.model;
        }
        break;
    }
  }
  result.toolCalls = [...calls.values()];
  if (guard?.leaked) {
    // The stream was left before its usage came: what was sent and read is estimated.
    const usage = {
      inputTokens: countTokens(system) + messages.reduce((n, m) => n + countTokens(m.content), 0),
      outputTokens: countTokens(result.content),
    };
    const { costUsd, priced } = costOf(target, usage);
    result.usage = { tokensIn: usage.inputTokens, tokensOut: usage.outputTokens, costUsd, unpriced: !priced };
    return yield* withheld(result, language, modelLabel(target), guard.sentAny);
  }
  const held = guard?.flush();
  if (held) yield { event: 'token', data: { text: held } };

  if (failure) {
    result.model = cutShortModel ?? `${target.provider}:${target.modelId}`;
    if (failure.kind === 'aborted') {
      result.status = 'interrupted';
      result.error = 'The visitor left before the answer was complete.';
    } else if (!result.content && config.answerMode === 'hybrid') {
      // The model failed before saying anything: answer from the knowledge instead.
      result.error = failure.message;
      yield* extractive(question, passages, language, localizedFace(config, language).fallback, result);
      return result;
    } else {
      result.status = result.content ? 'interrupted' : 'error';
      result.error = failure.message;
      if (!result.content) result.content = phrase(language, 'unavailable');
    }
  }
  result.citations = citedIn(result.content, pool);
  for (const citation of result.citations) yield { event: 'citation', data: citation };
  // Unanswered (counted toward the hand-off rule) when the knowledge had nothing for it; an
  // agent with no knowledge at all answers from its instructions and is never "unanswered".
  result.offerHuman =
    nothingRelevant &&
    !result.handoff &&
    !smallTalk(question) &&
    (await hasKnowledge(ctx, config.knowledge.sourceIds ?? null));
  return result;
}
