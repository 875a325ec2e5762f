import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startModelServer, type ModelServer } from '../../../test/support/model-server';
import { chatRequests, collect, FAKE_KEY, targetFor, WIRE_FORMATS } from '../../../test/support/model-server/harness';
import { configureCircuitBreakers, streamChat, type ChatTool } from './index';
import { MESSAGE_OVERHEAD_TOKENS } from './tokens';

let server: ModelServer;

beforeAll(async () => {
  server = await startModelServer();
});
afterAll(() => server.close());
beforeEach(() => {
  configureCircuitBreakers();
  server.reset();
});

const ask = (content: string) => [{ role: 'user' as const, content }];

describe.each(WIRE_FORMATS)('streamChat over the %s wire format', (format) => {
  it('streams a plain answer and finishes with usage, cost and the model used', async () => {
    server.enqueue({ text: ['Our ', 'hours are ', '9 to 5.'], usage: { inputTokens: 1_000, outputTokens: 200 } });
    const target = targetFor(server, format);
    const run = await collect(streamChat({ target, system: 'Be brief.', messages: ask('When are you open?') }));

    expect(run.types).toEqual(['text', 'text', 'text', 'finish']);
    expect(run.text).toBe('Our hours are 9 to 5.');
    expect(run.finish).toMatchObject({
      usage: { inputTokens: 1_000, outputTokens: 200 },
      finishReason: 'stop',
      model: `${target.provider}:${target.modelId}`,
      usedFallback: false,
    });
    // gpt-4o-mini $0.15/$0.60, claude-haiku-4-5 $1/$5 per million.
    expect(run.finish?.costUsd).toBeCloseTo(format === 'openai' ? 0.00027 : 0.002, 6);

    const [request] = chatRequests(server);
    const body = request?.body as Record<string, unknown>;
    expect(body.stream).toBe(true);
    if (format === 'openai') {
      expect(body.stream_options).toEqual({ include_usage: true });
      expect(body.messages).toEqual([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'When are you open?' },
      ]);
      expect(request?.headers.authorization).toBe(`Bearer ${FAKE_KEY}`);
    } else {
      expect(body.system).toEqual([{ type: 'text', text: 'Be brief.' }]);
      expect(request?.headers['x-api-key']).toBe(FAKE_KEY);
    }
  });

  it('passes temperature and the output cap through', async () => {
    await collect(
      streamChat({
        target: targetFor(server, format),
        system: 's',
        messages: ask('hi'),
        temperature: 0.2,
        maxOutputTokens: 77,
      }),
    );
    const body = chatRequests(server)[0]?.body as Record<string, unknown>;
    expect(body.temperature).toBe(0.2);
    expect(body.max_tokens ?? body.max_completion_tokens).toBe(77);
  });

  it('runs a tool-call round trip: call, execute, result, then the answer', async () => {
    const seen: unknown[] = [];
    const tools: Record<string, ChatTool> = {
      order_status: {
        description: 'Look up an order',
        inputSchema: z.object({ orderId: z.string() }),
        async execute(input: { orderId: string }) {
          seen.push(input);
          return { status: 'shipped', orderId: input.orderId };
        },
      },
    };
    server.enqueue(
      {
        toolCall: { id: 'call_1', name: 'order_status', arguments: { orderId: 'A-1001' } },
        usage: { inputTokens: 50, outputTokens: 10 },
      },
      { text: ['It has ', 'shipped.'], usage: { inputTokens: 80, outputTokens: 5 } },
    );
    const run = await collect(
      streamChat({ target: targetFor(server, format), system: 's', messages: ask('Where is A-1001?'), tools }),
    );

    expect(run.types).toEqual(['tool-call', 'tool-result', 'text', 'text', 'finish']);
    expect(run.events[0]).toEqual({
      type: 'tool-call',
      id: 'call_1',
      name: 'order_status',
      input: { orderId: 'A-1001' },
    });
    expect(run.events[1]).toEqual({
      type: 'tool-result',
      id: 'call_1',
      name: 'order_status',
      output: { status: 'shipped', orderId: 'A-1001' },
    });
    expect(seen).toEqual([{ orderId: 'A-1001' }]);
    expect(run.text).toBe('It has shipped.');
    // Usage adds up over both steps.
    expect(run.finish?.usage).toEqual({ inputTokens: 130, outputTokens: 15 });

    const requests = chatRequests(server);
    expect(requests).toHaveLength(2);
    expect(JSON.stringify(requests[1]?.body)).toContain('shipped');
    // The second step carries the call and its result in the provider's own form.
    const followUp = (requests[1]?.body as { messages: unknown[] }).messages;
    if (format === 'openai') {
      expect(followUp.slice(2)).toEqual([
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'order_status', arguments: '{"orderId":"A-1001"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '{"status":"shipped","orderId":"A-1001"}' },
      ]);
    } else {
      expect(followUp.slice(1)).toEqual([
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 'call_1', name: 'order_status', input: { orderId: 'A-1001' } }],
        },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 'call_1', content: '{"status":"shipped","orderId":"A-1001"}' }],
        },
      ]);
    }
    const tools0 = (requests[0]?.body as { tools?: unknown[] }).tools;
    expect(tools0).toHaveLength(1);
  });

  it('stops the tool loop at maxSteps', async () => {
    const tools: Record<string, ChatTool> = {
      again: { description: 'loop', inputSchema: z.object({}), execute: async () => 'more' },
    };
    server.enqueue(
      { toolCall: { name: 'again', arguments: {} } },
      { toolCall: { name: 'again', arguments: {} } },
      { toolCall: { name: 'again', arguments: {} } },
    );
    const run = await collect(
      streamChat({ target: targetFor(server, format), system: 's', messages: ask('go'), tools, maxSteps: 2 }),
    );
    expect(chatRequests(server)).toHaveLength(2);
    expect(run.types.filter((t) => t === 'tool-call')).toHaveLength(2);
    expect(run.finish?.finishReason).toBe('tool-calls');
    expect(server.pending()).toBe(1); // the third step was never asked for
  });

  it('reports a failing tool as a tool result the model can react to', async () => {
    const tools: Record<string, ChatTool> = {
      broken: {
        description: 'fails',
        inputSchema: z.object({}),
        execute: async () => {
          throw new Error('database is down');
        },
      },
    };
    server.enqueue({ toolCall: { id: 't1', name: 'broken', arguments: {} } }, { text: ['Sorry.'] });
    const run = await collect(
      streamChat({ target: targetFor(server, format), system: 's', messages: ask('go'), tools }),
    );
    expect(run.events[1]).toEqual({
      type: 'tool-result',
      id: 't1',
      name: 'broken',
      output: { error: 'database is down' },
    });
    expect(run.text).toBe('Sorry.');
    expect(run.finish).toBeDefined();
  });

  it('answers a call with input that does not fit the schema, or to an unknown tool, with an error the model reads', async () => {
    let ran = false;
    const tools: Record<string, ChatTool> = {
      order_status: {
        description: 'Look up an order',
        inputSchema: z.object({ orderId: z.string() }),
        execute: async () => {
          ran = true;
          return 'found';
        },
      },
    };
    server.enqueue(
      { toolCall: { id: 'bad', name: 'order_status', arguments: { orderId: 42 } } },
      { toolCall: { id: 'gone', name: 'delete_everything', arguments: {} } },
      { text: ['I could not look that up.'] },
    );
    const run = await collect(
      streamChat({ target: targetFor(server, format), system: 's', messages: ask('go'), tools }),
    );

    expect(ran).toBe(false);
    expect(run.types).toEqual(['tool-call', 'tool-result', 'tool-call', 'tool-result', 'text', 'finish']);
    expect(run.events[0]).toEqual({ type: 'tool-call', id: 'bad', name: 'order_status', input: { orderId: 42 } });
    expect(run.events[1]).toMatchObject({
      type: 'tool-result',
      id: 'bad',
      output: { error: expect.stringContaining('does not fit its schema') },
    });
    expect(run.events[3]).toEqual({
      type: 'tool-result',
      id: 'gone',
      name: 'delete_everything',
      output: { error: 'There is no tool named delete_everything.' },
    });
    const last = JSON.stringify(chatRequests(server)[2]?.body);
    expect(last).toContain('does not fit its schema');
    expect(last).toContain('There is no tool named delete_everything.');
  });

  it('keeps the partial answer when the stream drops, ends with an error, and the next turn works', async () => {
    server.enqueue({ text: ['The refund ', 'policy is ', 'thirty days.'], dropAfter: 2 });
    const target = targetFor(server, format);
    const dropped = await collect(streamChat({ target, system: 's', messages: ask('refunds?') }));
    expect(dropped.text).toBe('The refund policy is ');
    expect(dropped.types.at(-1)).toBe('error');
    expect(dropped.error?.kind).toBe('dropped');
    expect(dropped.finish).toBeUndefined();
    // Never re-sent after tokens were streamed.
    expect(chatRequests(server)).toHaveLength(1);

    const next = await collect(streamChat({ target, system: 's', messages: ask('and exchanges?') }));
    expect(next.text).toBe('You said: and exchanges?');
    expect(next.finish).toBeDefined();
  });

  it('ends with a malformed error after a chunk that is not JSON, keeping what came before', async () => {
    server.enqueue({ text: ['Part one.', ' Part two.'], malformed: 1 });
    const run = await collect(streamChat({ target: targetFor(server, format), system: 's', messages: ask('x') }));
    expect(run.text).toBe('Part one.');
    expect(run.error?.kind).toBe('malformed');
    expect(run.types.at(-1)).toBe('error');
  });

  it('aborts the upstream request when the caller aborts, ending with an aborted error', async () => {
    server.enqueue({ text: Array.from({ length: 40 }, (_, i) => `w${i} `), tokenDelayMs: 50 });
    const controller = new AbortController();
    const run = await collect(
      streamChat({
        target: targetFor(server, format),
        system: 's',
        messages: ask('long'),
        abortSignal: controller.signal,
      }),
      (event) => {
        if (event.type === 'text') controller.abort();
      },
    );
    expect(run.text).toBe('w0 ');
    expect(run.error?.kind).toBe('aborted');
    expect(run.types.at(-1)).toBe('error');
    // The model server saw its client go away before the answer was complete.
    expect(await chatRequests(server)[0]?.outcome).toBe('closed');
  });

  it('closes the upstream request when the caller stops reading', async () => {
    server.enqueue({ text: Array.from({ length: 40 }, (_, i) => `w${i} `), tokenDelayMs: 50 });
    for await (const event of streamChat({ target: targetFor(server, format), system: 's', messages: ask('long') })) {
      if (event.type === 'text') break;
    }
    expect(await chatRequests(server)[0]?.outcome).toBe('closed');
  });

  it('fails at once with an aborted error when the signal is already aborted', async () => {
    const run = await collect(
      streamChat({
        target: targetFor(server, format),
        system: 's',
        messages: ask('x'),
        abortSignal: AbortSignal.abort(),
      }),
    );
    expect(run.types).toEqual(['error']);
    expect(run.error?.kind).toBe('aborted');
    expect(chatRequests(server)).toHaveLength(0);
  });
});

describe('streamChat with Google', () => {
  it('sends the key in a header (never in the URL) to the configured base URL', async () => {
    const target = {
      provider: 'google' as const,
      modelId: 'gemini-2.5-flash',
      apiKey: FAKE_KEY,
      baseURL: `${server.url}/v1beta`,
      keyId: 'g',
      trust: 'operator' as const,
    };
    const run = await collect(streamChat({ target, system: 's', messages: ask('hi') }));
    // The scripted server does not speak Google's format: a 404, reported without retry.
    expect(run.error).toMatchObject({ kind: 'bad_request', status: 404, provider: 'google' });
    const [request] = server.requests;
    expect(request?.path).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent');
    expect(request?.url).not.toContain(FAKE_KEY);
    expect(request?.headers['x-goog-api-key']).toBe(FAKE_KEY);
  });
});

describe('streamChat against an OpenAI-compatible server', () => {
  it('works keyless (Ollama, LM Studio) and asks for usage', async () => {
    server.enqueue({ text: ['local ', 'answer'], usage: { inputTokens: 12, outputTokens: 2 } });
    const target = {
      provider: 'openai-compatible' as const,
      modelId: 'llama3.1:8b',
      baseURL: server.openaiBaseURL,
      keyId: 'local:ollama',
      trust: 'operator' as const,
    };
    const run = await collect(streamChat({ target, system: 's', messages: ask('hi') }));
    expect(run.text).toBe('local answer');
    expect(run.finish).toMatchObject({
      usage: { inputTokens: 12, outputTokens: 2 },
      model: 'openai-compatible:llama3.1:8b',
      costUsd: 0,
    });
    const request = chatRequests(server)[0];
    expect(request?.headers.authorization).toBeUndefined();
    expect((request?.body as Record<string, unknown>).stream_options).toEqual({ include_usage: true });
  });

  it('estimates usage when the server reports none', async () => {
    server.enqueue({ text: ['three word answer'], omitUsage: true });
    const target = {
      provider: 'openai-compatible' as const,
      modelId: 'local',
      baseURL: server.openaiBaseURL,
      keyId: 'local',
      trust: 'operator' as const,
    };
    const run = await collect(streamChat({ target, system: 'You help.', messages: ask('a question') }));
    // "You help." and "a question" are three tokens each, plus the overhead of two messages.
    expect(run.finish?.usage).toEqual({ inputTokens: 3 + 3 + 2 * MESSAGE_OVERHEAD_TOKENS, outputTokens: 3 });
  });

  it('needs a base URL', async () => {
    const run = await collect(
      streamChat({
        target: { provider: 'openai-compatible', modelId: 'x', keyId: 'k' },
        system: 's',
        messages: ask('hi'),
      }),
    );
    expect(run.error?.kind).toBe('bad_request');
    expect(run.error?.message).toMatch(/base URL/);
  });

  it('refuses a hosted provider without a key instead of reading one from the environment', async () => {
    const run = await collect(
      streamChat({
        target: {
          provider: 'openai',
          modelId: 'gpt-4o-mini',
          baseURL: server.openaiBaseURL,
          keyId: 'k',
          trust: 'operator',
        },
        system: 's',
        messages: ask('hi'),
      }),
    );
    expect(run.error?.kind).toBe('auth');
    expect(chatRequests(server)).toHaveLength(0);
  });
});
