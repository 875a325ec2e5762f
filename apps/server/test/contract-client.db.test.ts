import { ApiError, createClient, unwrap, type Schema } from '@switchboard/contract/client';
import type { InboxEvent } from '@switchboard/contract/inbox';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestRuntime } from './support/runtime';
import { testWorkspace, type TestWorkspace } from './support/workspace';

/**
 * The contract's typed client against a running server, used as a tenant's developer would
 * (README of packages/contract): an API key, typed paths, parameters, bodies and answers,
 * and the error envelope as an ApiError. Lines marked @ts-expect-error prove that the types
 * are the generated ones (the typecheck fails if they became `any`).
 */
const rt = useTestRuntime();
let ours: TestWorkspace;
let theirs: TestWorkspace;

beforeAll(async () => {
  ours = await testWorkspace(rt.current, 'sdk-a');
  theirs = await testWorkspace(rt.current, 'sdk-b');
});

describe('the typed client', () => {
  it('creates, lists and reads agents with an API key', async () => {
    const client = createClient({ baseUrl: rt.current.url, apiKey: ours.apiKey });
    const { agent } = await unwrap(client.POST('/api/v1/agents', { body: { name: 'Support', tone: 'concise' } }));
    expect(agent).toMatchObject({ name: 'Support', status: 'active', publishedVersion: 1 });
    expect(agent.draft.tone).toBe('concise');
    // @ts-expect-error an agent has no `title`: the answer is typed from the OpenAPI document
    expect(agent.title).toBeUndefined();

    const { agents } = await unwrap(client.GET('/api/v1/agents'));
    expect(agents.map((a) => a.id)).toContain(agent.id);
    const one = await unwrap(client.GET('/api/v1/agents/{id}', { params: { path: { id: agent.id } } }));
    const typed: Schema<'Agent'> = one.agent;
    expect(typed.id).toBe(agent.id);
  });

  it('turns the error envelope into an ApiError with the field details', async () => {
    const client = createClient({ baseUrl: rt.current.url, apiKey: ours.apiKey });
    const failure = await unwrap(client.POST('/api/v1/agents', { body: { name: '' } })).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((failure as ApiError).requestId).toMatch(/\S/);
    expect((failure as ApiError).details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'name' })]));

    // Without unwrap, the envelope is `error`, typed as the contract's.
    const { data, error, response } = await client.GET('/api/v1/agents/{id}', {
      params: { path: { id: 'agt_00000000000000000000000000' } },
    });
    expect(response.status).toBe(404);
    expect(data).toBeUndefined();
    expect(error?.error.code).toBe('not_found');
  });

  it('answers 401 without a key and 404 for another workspace’s agent', async () => {
    const mine = await unwrap(
      createClient({ baseUrl: rt.current.url, apiKey: ours.apiKey }).POST('/api/v1/agents', {
        body: { name: 'Private' },
      }),
    );
    const anonymous = await createClient({ baseUrl: rt.current.url }).GET('/api/v1/agents');
    expect(anonymous.response.status).toBe(401);
    const other = await createClient({ baseUrl: rt.current.url, apiKey: theirs.apiKey }).GET('/api/v1/agents/{id}', {
      params: { path: { id: mine.agent.id } },
    });
    expect(other.response.status).toBe(404);
    expect(other.error?.error.code).toBe('not_found');
  });

  it('types the event streams the generated document only names as text', () => {
    const seen: InboxEvent = { event: 'presence', data: { userId: 'usr_1', status: 'online' } };
    // @ts-expect-error a presence event's status is one of online, away, offline
    const wrong: InboxEvent = { event: 'presence', data: { userId: 'usr_1', status: 'busy' } };
    expect([seen.event, wrong.event]).toEqual(['presence', 'presence']);
  });
});
