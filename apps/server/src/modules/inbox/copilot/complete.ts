import { streamChat, type ChatMessage, type ModelTarget } from '../../../platform/llm';
import type { MessageRow } from '../../chat';

/** The conversation as model messages: the visitor is the user, the bot and the team are the assistant. */
export function asChat(history: MessageRow[]): ChatMessage[] {
  return history
    .filter((m) => m.role !== 'system')
    .map((m) => ({ role: m.role === 'user' ? 'user' : 'assistant', content: m.content }));
}

/** A whole model answer as text, or null when the model failed (callers fall back to extractive). */
export async function completeText(
  target: ModelTarget,
  request: { system: string; messages: ChatMessage[]; maxOutputTokens: number; fallback?: ModelTarget | null },
): Promise<{ text: string; model: string } | null> {
  let text = '';
  let model = `${target.provider}:${target.modelId}`;
  for await (const event of streamChat({
    target,
    ...(request.fallback && { fallback: request.fallback }),
    system: request.system,
    messages: request.messages.length ? request.messages : [{ role: 'user', content: '(no messages yet)' }],
    temperature: 0.3,
    maxOutputTokens: request.maxOutputTokens,
    timeouts: { totalMs: 30_000 },
  })) {
    if (event.type === 'text') text += event.delta;
    if (event.type === 'finish') model = event.model;
    if (event.type === 'error') return null;
  }
  return text.trim() ? { text: text.trim(), model } : null;
}
