import { describe, expect, it } from 'vitest';
import type { AgentConfig } from '../agents-api';
import { changedFields } from '../editor/draft-editor';
import { mergeToolEvent } from '../playground/chat-types';
import { compareConfigs, configFields } from './config-fields';

const base: AgentConfig = {
  name: 'Helper',
  avatarUrl: null,
  instructions: 'Be kind.\nBe brief.',
  instructionsConfidential: false,
  tone: 'friendly',
  language: 'en',
  greeting: 'Hi!',
  suggestedQuestions: ['Where is my order?'],
  fallback: '',
  translations: { es: { greeting: '¡Hola!' } },
  model: null,
  fallbackModel: null,
  knowledge: { sourceIds: null, topK: 5, minScore: 0 },
  tools: { knowledgeSearch: true, handoff: true, captureLead: true, actionIds: [] },
  handoff: { keywords: ['human'], maxUnanswered: 2, onNegativeSentiment: true, vipOnly: false },
  answerMode: 'hybrid',
};
const names = { source: (id: string) => `Source ${id}`, key: (id: string) => `Key ${id}` };

describe('configuration fields', () => {
  it('lists every field of the configuration once', () => {
    const keys = configFields(base, names).map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const top of Object.keys(base)) expect(keys.some((k) => k === top || k.startsWith(`${top}.`))).toBe(true);
  });

  it('marks only the fields that changed, with readable values', () => {
    const after: AgentConfig = {
      ...base,
      greeting: 'Hello!',
      instructionsConfidential: true,
      knowledge: { ...base.knowledge, sourceIds: ['src_a'] },
      model: { provider: 'openai', modelId: 'gpt-4o-mini', credentialId: 'prv_x', temperature: 0.2, maxTokens: 500 },
    };
    const changed = compareConfigs(base, after, names).filter((f) => f.changed);
    expect(changed.map((f) => f.key)).toEqual(['greeting', 'instructionsConfidential', 'model', 'knowledge.sourceIds']);
    expect(changed[1]).toMatchObject({ label: 'Instructions confidential', before: 'No', after: 'Yes' });
    expect(changed[2]!.after).toBe('OpenAI · gpt-4o-mini · temperature 0.2 · up to 500 tokens · key “Key prv_x”');
    expect(changed[3]).toMatchObject({ before: 'All sources', after: 'Source src_a', multiline: true });
  });
});

describe('saving only what changed', () => {
  it('sends the changed top-level fields and nothing else', () => {
    expect(changedFields(base, { ...base, greeting: 'Yo', tools: { ...base.tools, captureLead: false } })).toEqual({
      greeting: 'Yo',
      tools: { knowledgeSearch: true, handoff: true, captureLead: false, actionIds: [] },
    });
    expect(changedFields(base, { ...base })).toEqual({});
  });
});

describe('tool events', () => {
  it('completes a call with its result, and keeps separate calls apart', () => {
    let tools = mergeToolEvent([], { name: 'search_knowledge', input: { query: 'a' } });
    tools = mergeToolEvent(tools, { name: 'search_knowledge', input: { query: 'b' } });
    tools = mergeToolEvent(tools, { name: 'search_knowledge', input: { query: 'a' }, output: 'found a' });
    expect(tools).toEqual([
      { name: 'search_knowledge', input: { query: 'a' }, output: 'found a' },
      { name: 'search_knowledge', input: { query: 'b' } },
    ]);
  });
});
