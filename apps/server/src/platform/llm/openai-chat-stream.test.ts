import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LanguageModelV3, LanguageModelV3CallOptions, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttemptControl, resolveTimeouts } from './attempt-control';
import { toLlmError } from './errors';
import { openAIChatStream } from './openai-chat-stream';
import { languageModel } from './providers';
import type { ModelTarget } from './types';

/*
 * openai-chat-stream.ts reads OpenAI streams in place of the provider package: its parts must
 * be the provider's parts. Each case here is a raw SSE body served over HTTP and read both ways
 * — by the provider's own doStream and by openAIChatStream — and the two must agree.
 */

let server: http.Server;
let baseURL: string;
let connections = 0;
/** The next response bodies, in order (raw bytes exactly as written). */
const bodies: Array<{ status?: number; chunks: string[] }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const next = bodies.shift() ?? { chunks: [] };
      res.writeHead(next.status ?? 200, { 'content-type': next.status ? 'application/json' : 'text/event-stream' });
      const write = (i: number) => {
        if (i >= next.chunks.length) return void res.end();
        res.write(next.chunks[i]);
        setTimeout(() => write(i + 1), 2);
      };
      write(0);
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const target = (): ModelTarget => ({
  provider: 'openai',
  modelId: 'gpt-4o-mini',
  apiKey: 'sk-test',
  baseURL,
  keyId: 'test',
  trust: 'operator',
});
const options: LanguageModelV3CallOptions = { prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] };

const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta, finish_reason: null }], ...extra })}\n\n`;
const finish = (reason: string) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta: {}, finish_reason: reason }] })}\n\n`;
const usage = (prompt: number, completion: number) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-1', choices: [], usage: { prompt_tokens: prompt, completion_tokens: completion } })}\n\n`;
const DONE = 'data: [DONE]\n\n';

/** Parts as the tool loop reads them: what the provider adds beyond that (metadata, warnings) is left out. */
function comparable(parts: LanguageModelV3StreamPart[]) {
  return parts
    .filter((p) => p.type !== 'response-metadata' && p.type !== 'raw')
    .map((p) => {
      if (p.type === 'stream-start') return { type: p.type };
      if (p.type === 'finish')
        return {
          type: p.type,
          finishReason: p.finishReason,
          inputTokens: p.usage.inputTokens.total,
          outputTokens: p.usage.outputTokens.total,
        };
      if (p.type === 'error') return { type: p.type, error: toLlmError(p.error, 'openai').kind };
      return p;
    });
}

type Outcome = { parts: ReturnType<typeof comparable> } | { thrown: { kind: string; status?: number } };

async function read(
  open: (control: AttemptControl) => Promise<AsyncIterable<LanguageModelV3StreamPart>>,
): Promise<Outcome> {
  const control = new AttemptControl('openai', resolveTimeouts(undefined), Date.now() + 30_000, undefined);
  const parts: LanguageModelV3StreamPart[] = [];
  try {
    for await (const part of await open(control)) parts.push(part);
    return { parts: comparable(parts) };
  } catch (error) {
    const failure = toLlmError(error, 'openai');
    return { thrown: { kind: failure.kind, ...(failure.status !== undefined && { status: failure.status }) } };
  } finally {
    control.dispose();
  }
}

/** The same body read by the provider and by openAIChatStream. */
async function bothWays(body: { status?: number; chunks: string[] }) {
  bodies.push(body, body);
  const sdk = await read(
    async (control) =>
      (
        await (languageModel(target(), control.fetchFor(target())) as LanguageModelV3).doStream({
          ...options,
          abortSignal: control.signal,
        })
      ).stream,
  );
  const ours = await read((control) =>
    openAIChatStream(target(), { ...options, abortSignal: control.signal }, control),
  );
  return { sdk, ours };
}

describe('openAIChatStream reads what the OpenAI provider reads', () => {
  it('a plain answer with the role chunk, usage and [DONE]', async () => {
    const { sdk, ours } = await bothWays({
      chunks: [
        chunk({ role: 'assistant', content: '' }),
        chunk({ content: 'Open ' }),
        chunk({ content: '9 to 5.' }),
        finish('stop'),
        usage(12, 4),
        DONE,
      ],
    });
    expect(ours).toEqual(sdk);
    expect(ours).toMatchObject({
      parts: [
        { type: 'stream-start' },
        { type: 'text-start' },
        { delta: '' },
        { delta: 'Open ' },
        { delta: '9 to 5.' },
        { type: 'text-end' },
        { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, inputTokens: 12, outputTokens: 4 },
      ],
    });
  });

  it('tool calls streamed in pieces, two of them, with a tool_calls finish', async () => {
    const call = (index: number, fn: Record<string, unknown>, id?: string) =>
      chunk({ tool_calls: [{ index, ...(id && { id, type: 'function' }), function: fn }] });
    const { sdk, ours } = await bothWays({
      chunks: [
        chunk({ role: 'assistant', content: null }),
        call(0, { name: 'search_knowledge', arguments: '' }, 'call_a'),
        call(0, { arguments: '{"query":' }),
        call(0, { arguments: '"refunds"}' }),
        call(1, { name: 'request_human', arguments: '{"reason":"asked"}' }, 'call_b'),
        finish('tool_calls'),
        DONE,
      ],
    });
    expect(ours).toEqual(sdk);
    const parts = 'parts' in ours ? ours.parts : [];
    expect(parts.filter((p) => p.type === 'tool-call')).toEqual([
      expect.objectContaining({ toolCallId: 'call_a', toolName: 'search_knowledge', input: '{"query":"refunds"}' }),
      expect.objectContaining({ toolCallId: 'call_b', toolName: 'request_human', input: '{"reason":"asked"}' }),
    ]);
    expect(parts.at(-1)).toMatchObject({ finishReason: { unified: 'tool-calls' } });
  });

  it('CRLF line endings, `data:` without a space, comments and events split across reads', async () => {
    const whole = `: keep-alive\r\n\r\ndata:${JSON.stringify({ choices: [{ index: 0, delta: { content: 'Hé llo' }, finish_reason: null }] })}\r\n\r\n${finish('length')}`;
    const { sdk, ours } = await bothWays({
      chunks: [whole.slice(0, 7), whole.slice(7, 40), whole.slice(40, 41), whole.slice(41), DONE],
    });
    expect(ours).toEqual(sdk);
    expect(ours).toMatchObject({
      parts: [{}, {}, { delta: 'Hé llo' }, {}, { finishReason: { unified: 'length' }, inputTokens: undefined }],
    });
  });

  it('a refusal is text, and finishes as content-filter', async () => {
    const { sdk, ours } = await bothWays({
      chunks: [chunk({ refusal: 'I cannot help with that.' }), finish('stop'), DONE],
    });
    expect(ours).toEqual(sdk);
    expect(ours).toMatchObject({
      parts: [{}, {}, { delta: 'I cannot help with that.' }, {}, { finishReason: { unified: 'content-filter' } }],
    });
  });

  it('a chunk that is not JSON, and one that is not a chunk, are malformed (after what came before)', async () => {
    for (const bad of [
      'data: {"choices": [{"delta": {"content": \n\n',
      `data: ${JSON.stringify({ object: 'nothing' })}\n\n`,
    ]) {
      const { sdk, ours } = await bothWays({
        chunks: [chunk({ content: 'Part one.' }), bad, chunk({ content: ' Part two.' }), DONE],
      });
      expect(ours).toEqual(sdk);
      const parts = 'parts' in ours ? ours.parts : [];
      expect(parts.map((p) => p.type)).toContain('error');
      expect(parts.find((p) => p.type === 'error')).toEqual({ type: 'error', error: 'malformed' });
      expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'error' } });
    }
  });

  it('an error frame before any output fails the call with a status from its code', async () => {
    const frame = (error: Record<string, unknown>) => `data: ${JSON.stringify({ error })}\n\n`;
    for (const [error, expected] of [
      [
        { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' },
        { kind: 'rate_limited', status: 429 },
      ],
      [
        { message: 'The server had an error', type: 'server_error', code: null },
        { kind: 'unavailable', status: 500 },
      ],
      [
        { message: 'Overloaded', type: 'overloaded_error', code: '503' },
        { kind: 'unavailable', status: 503 },
      ],
    ] as const) {
      const { sdk, ours } = await bothWays({ chunks: [chunk({ role: 'assistant', content: '' }), frame(error), DONE] });
      expect(ours).toEqual(sdk);
      expect(ours).toEqual({ thrown: expected });
    }
  });

  it('an error frame after output is an error part', async () => {
    const { sdk, ours } = await bothWays({
      chunks: [
        chunk({ content: 'Half' }),
        `data: ${JSON.stringify({ error: { message: 'boom', type: 'server_error' } })}\n\n`,
        DONE,
      ],
    });
    expect(ours).toEqual(sdk);
    expect(ours).toMatchObject({
      parts: [{}, {}, { delta: 'Half' }, { type: 'error' }, {}, { type: 'finish', finishReason: { unified: 'error' } }],
    });
  });

  it("an error response (HTTP 429) is still the provider's error", async () => {
    const { sdk, ours } = await bothWays({
      status: 429,
      chunks: [
        JSON.stringify({ error: { message: 'slow down', type: 'rate_limit_error', code: 'rate_limit_exceeded' } }),
      ],
    });
    expect(ours).toEqual(sdk);
    expect(ours).toEqual({ thrown: { kind: 'rate_limited', status: 429 } });
  });

  it('a stream that ends without a finish reason finishes as other', async () => {
    const { sdk, ours } = await bothWays({ chunks: [chunk({ content: 'cut' })] });
    expect(ours).toEqual(sdk);
    expect(ours).toMatchObject({
      parts: [{}, {}, { delta: 'cut' }, {}, { finishReason: { unified: 'other', raw: undefined } }],
    });
  });

  it('keeps its connection to the model server alive from call to call', async () => {
    const answer = { chunks: [chunk({ content: 'Hi' }), finish('stop'), DONE] };
    await read((control) => openAIChatStream(target(), { ...options, abortSignal: control.signal }, control));
    const before = connections;
    for (let i = 0; i < 4; i++) {
      bodies.push(answer);
      expect(
        await read((control) => openAIChatStream(target(), { ...options, abortSignal: control.signal }, control)),
      ).toMatchObject({ parts: [{}, {}, { delta: 'Hi' }, {}, {}] });
    }
    expect(connections).toBe(before);
  });
});
