import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../../../test/support/model-server';
import { FAKE_KEY } from '../../../test/support/model-server/harness';

/**
 * The scripted model server is itself checked against an official client, so the layer's
 * tests prove something about real wire formats, not about a server made to fit them.
 */
let server: ModelServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startModelServer();
  client = new OpenAI({ apiKey: FAKE_KEY, baseURL: server.openaiBaseURL, maxRetries: 0 });
});
afterAll(() => server.close());

describe('scripted model server, OpenAI format, with the official openai client', () => {
  it('streams scripted text and a usage chunk', async () => {
    server.enqueue({ text: ['Hel', 'lo', '!'], usage: { inputTokens: 11, outputTokens: 3 } });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish ??= chunk.choices[0]?.finish_reason;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('Hello!');
    expect(finish).toBe('stop');
    expect(usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 3, total_tokens: 14 });
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${FAKE_KEY}`);
  });

  it('streams tool calls with incremental arguments', async () => {
    server.enqueue({ toolCall: { id: 'call_a', name: 'lookup', arguments: { order: 'A-1001', detail: 'status' } } });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'where is my order' }],
      tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: {} } } }],
      stream: true,
    });
    const args: string[] = [];
    let name = '';
    for await (const chunk of stream) {
      for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
        name ||= call.function?.name ?? '';
        if (call.function?.arguments) args.push(call.function.arguments);
      }
    }
    expect(name).toBe('lookup');
    expect(args.length).toBeGreaterThan(1);
    expect(JSON.parse(args.join(''))).toEqual({ order: 'A-1001', detail: 'status' });
  });

  it('answers without streaming, echoing the last user message by default', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'ping pong' }],
    });
    expect(completion.choices[0]?.message.content).toBe('You said: ping pong');
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('returns scripted errors with Retry-After', async () => {
    server.enqueue({ status: 429, retryAfter: 7 });
    const error = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe('7');
  });

  it('serves deterministic embeddings of the requested size, and the model list', async () => {
    const first = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['refund policy', 'refund policy', 'opening hours'],
      dimensions: 32,
    });
    expect(first.data).toHaveLength(3);
    expect(first.data[0]?.embedding).toHaveLength(32);
    expect(first.data[0]?.embedding).toEqual(first.data[1]?.embedding);
    expect(first.data[0]?.embedding).not.toEqual(first.data[2]?.embedding);
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toContain('gpt-4o-mini');
  });

  it('destroys the socket mid-stream when told to drop', async () => {
    server.enqueue({ text: ['one', ' two', ' three'], dropAfter: 1 });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    });
    let text = '';
    const error = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    })().catch((e: unknown) => e);
    expect(text).toBe('one');
    expect(error).toBeInstanceOf(Error);
    expect(await server.requests.at(-1)?.outcome).toBe('dropped');
  });
});

describe('scripted model server, Anthropic format', () => {
  it('answers a non-streaming message with text and tool use', async () => {
    server.enqueue({
      text: ['Checking.'],
      toolCall: { id: 'toolu_x', name: 'lookup', arguments: { q: 'A-1' } },
      usage: { inputTokens: 5, outputTokens: 9 },
    });
    const response = await fetch(`${server.anthropicBaseURL}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': FAKE_KEY, 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(await response.json()).toMatchObject({
      type: 'message',
      content: [
        { type: 'text', text: 'Checking.' },
        { type: 'tool_use', id: 'toolu_x', name: 'lookup', input: { q: 'A-1' } },
      ],
      stop_reason: 'tool_use',
      usage: { input_tokens: 5, output_tokens: 9 },
    });
  });

  it('streams the Messages event sequence', async () => {
    server.enqueue({ text: ['Hi', ' there'] });
    const response = await fetch(`${server.anthropicBaseURL}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': FAKE_KEY, 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({
        model: 'claude-haiku-4-5',
        max_tokens: 50,
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
    const body = await response.text();
    const events = [...body.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(events).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
  });
});
