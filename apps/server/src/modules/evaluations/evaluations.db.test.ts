import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../platform/tenancy';
import { eventually } from '../../../test/support/inbox';
import { startModelServer, type ModelServer } from '../../../test/support/model-server';
import { FAKE_KEY } from '../../../test/support/model-server/harness';
import { splitWords } from '../../../test/support/model-server/script';
import { startTestRuntime, type TestRuntime } from '../../../test/support/runtime';
import { testWorkspace, type TestWorkspace } from '../../../test/support/workspace';

/**
 * Evaluation runs: every question answered by the draft and the live version side by side
 * (extractive, and by a model over real HTTP), pass/fail per question and totals, as tests
 * that leave no conversation, unanswered question or usage; and "block publish below N %".
 */
let models: ModelServer;
let rt: TestRuntime;
let ws: TestWorkspace;
let other: TestWorkspace;

/** A source id that names nothing: a draft limited to it finds no passages. */
const NO_SUCH_SOURCE = `src_${'0'.repeat(26)}`;

beforeAll(async () => {
  // The model knows the warranty only when it is the draft's model, "test-model".
  models = await startModelServer({
    defaultResponder: (call) => ({
      text: splitWords(
        call.model === 'test-model' && /warranty/i.test(call.lastUserText)
          ? 'Every device has a two-year warranty [1].'
          : 'I am not sure, sorry.',
      ),
    }),
  });
  rt = await startTestRuntime({
    OPENAI_API_KEY: FAKE_KEY,
    OPENAI_BASE_URL: models.openaiBaseURL,
    DEFAULT_MODEL: 'openai:gpt-4o-mini',
  });
  ws = await testWorkspace(rt, 'evaluations');
  other = await testWorkspace(rt, 'evaluations-other');
  expect(
    (
      await ws.api.post('/api/v1/knowledge/qa', {
        question: 'What is the warranty period?',
        answer: 'Every device has a two-year warranty.',
      })
    ).status,
  ).toBe(201);
}, 60_000);

afterAll(async () => {
  await rt?.stop();
  await models?.close();
});

async function agentWithSet(body: Record<string, unknown>) {
  const agentId = (await ws.api.post('/api/v1/agents', { name: 'Evaluated', ...body })).body.agent.id as string;
  const warranty = await ws.api.post(`/api/v1/agents/${agentId}/evaluations/cases`, {
    question: 'How long is the warranty?',
    facts: ['two-year warranty'],
  });
  expect(warranty.status).toBe(201);
  const gift = await ws.api.post(`/api/v1/agents/${agentId}/evaluations/cases`, {
    question: 'Do you sell gift cards?',
    facts: ['gift card'],
  });
  expect(gift.status).toBe(201);
  return { agentId, caseIds: [warranty.body.case.id as string, gift.body.case.id as string] };
}

async function runToEnd(agentId: string) {
  const started = await ws.api.post(`/api/v1/agents/${agentId}/evaluations/runs`, {});
  expect(started.status).toBe(202);
  expect(started.body.run).toMatchObject({ status: 'queued', total: 2, completed: 0 });
  return eventually(async () => {
    const res = await ws.api.json(`/api/v1/agents/${agentId}/evaluations/runs/${started.body.run.id}`);
    return res.body.run.status === 'done' || res.body.run.status === 'failed' ? res.body.run : null;
  }, 20_000);
}

const traces = (agentId: string) =>
  withTenant({ tenantId: ws.id }, async (tx) => ({
    conversations: Number(
      (await tx.query<{ n: string }>('SELECT count(*) AS n FROM conversations WHERE agent_id = $1', [agentId])).rows[0]!
        .n,
    ),
    gaps: Number(
      (await tx.query<{ n: string }>('SELECT count(*) AS n FROM knowledge_gaps WHERE agent_id = $1', [agentId]))
        .rows[0]!.n,
    ),
    usage: Number(
      (await tx.query<{ n: string }>('SELECT count(*) AS n FROM usage_monthly WHERE agent_id = $1', [agentId])).rows[0]!
        .n,
    ),
  }));

describe('running an evaluation', () => {
  it('answers each question with the draft and the live version, extractively, and records nothing else', async () => {
    const { agentId, caseIds } = await agentWithSet({ answerMode: 'extractive' });
    // The draft loses its knowledge: the live version still answers the warranty question.
    expect(
      (
        await ws.api.json(`/api/v1/agents/${agentId}`, {
          method: 'PATCH',
          json: { knowledge: { sourceIds: [NO_SUCH_SOURCE], topK: 5, minScore: 0 } },
        })
      ).status,
    ).toBe(200);
    const run = await runToEnd(agentId);
    expect(run).toMatchObject({
      status: 'done',
      liveVersion: 1,
      total: 2,
      completed: 2,
      draftPassed: 0,
      livePassed: 1,
      draftScore: 0,
      liveScore: 50,
    });
    expect(run.results.map((r: any) => [r.caseId, r.draft.passed, r.live.passed])).toEqual([
      [caseIds[0], false, true],
      [caseIds[1], false, false],
    ]);
    expect(run.results[0].live.answer).toContain('two-year warranty');
    expect(run.results[0].draft.missing).toEqual(['two-year warranty']);
    expect(await traces(agentId)).toEqual({ conversations: 0, gaps: 0, usage: 0 });
  });

  it('asks the model over HTTP for each side, and scores what it says', async () => {
    models.reset();
    const { agentId } = await agentWithSet({
      answerMode: 'generative',
      model: { provider: 'openai', modelId: 'gpt-4o-mini' },
    });
    expect(
      (
        await ws.api.json(`/api/v1/agents/${agentId}`, {
          method: 'PATCH',
          json: { model: { provider: 'openai', modelId: 'test-model' } },
        })
      ).status,
    ).toBe(200);
    const run = await runToEnd(agentId);
    expect(run).toMatchObject({ status: 'done', draftPassed: 1, livePassed: 0, draftScore: 50, liveScore: 0 });
    expect(run.results[0].draft).toMatchObject({
      passed: true,
      answer: 'Every device has a two-year warranty [1].',
      missing: [],
    });
    expect(run.results[0].live).toMatchObject({ passed: false, answer: 'I am not sure, sorry.' });
    const asked = models.requests
      .filter((r) => r.path.endsWith('/chat/completions'))
      .map((r) => (r.body as { model: string }).model);
    expect(asked.sort()).toEqual(['gpt-4o-mini', 'gpt-4o-mini', 'test-model', 'test-model']);
    expect(await traces(agentId)).toEqual({ conversations: 0, gaps: 0, usage: 0 });
  });

  it('passes a question only when the answer cites the required source', async () => {
    const sources = await ws.api.json('/api/v1/knowledge/sources');
    const qaSource = sources.body.sources.find((s: { kind: string }) => s.kind === 'qa').id as string;
    const agentId = (await ws.api.post('/api/v1/agents', { name: 'Cites', answerMode: 'extractive' })).body.agent
      .id as string;
    await ws.api.post(`/api/v1/agents/${agentId}/evaluations/cases`, {
      question: 'What is the warranty period?',
      sourceId: qaSource,
    });
    await ws.api.post(`/api/v1/agents/${agentId}/evaluations/cases`, {
      question: 'What is the warranty period?',
      sourceId: NO_SUCH_SOURCE,
    });
    const run = await runToEnd(agentId);
    expect(run.results.map((r: any) => r.draft.passed)).toEqual([true, false]);
    expect(run.results[0].draft.cited).toEqual([qaSource]);
  });

  it('refuses an empty set and a question with nothing to check', async () => {
    const agentId = (await ws.api.post('/api/v1/agents', { name: 'Empty' })).body.agent.id as string;
    const empty = await ws.api.post(`/api/v1/agents/${agentId}/evaluations/runs`, {});
    expect(empty.status).toBe(409);
    expect(empty.body.error.code).toBe('evaluation_set_empty');
    const vague = await ws.api.post(`/api/v1/agents/${agentId}/evaluations/cases`, { question: 'Anything?' });
    expect(vague.status).toBe(400);
  });
});

describe('block publish below N %', () => {
  it('refuses publishing without a run of this draft or below the score, and allows it at the score', async () => {
    const { agentId } = await agentWithSet({ answerMode: 'extractive' });
    expect(
      (
        await ws.owner.json(`/api/v1/agents/${agentId}/evaluations/settings`, {
          method: 'PUT',
          json: { blockPublishBelow: 50 },
        })
      ).status,
    ).toBe(200);
    const missing = await ws.api.post(`/api/v1/agents/${agentId}/publish`, { note: 'untested' });
    expect(missing.status).toBe(409);
    expect(missing.body.error.code).toBe('evaluation_required');

    await ws.api.json(`/api/v1/agents/${agentId}`, {
      method: 'PATCH',
      json: { knowledge: { sourceIds: [NO_SUCH_SOURCE], topK: 5, minScore: 0 } },
    });
    expect((await runToEnd(agentId)).draftScore).toBe(0);
    const below = await ws.api.post(`/api/v1/agents/${agentId}/publish`, { note: 'worse' });
    expect(below.status).toBe(409);
    expect(below.body.error).toMatchObject({
      code: 'evaluation_below_threshold',
      details: expect.objectContaining({ threshold: 50, score: 0 }),
    });

    // Fixed, but changed since the last run: run again first.
    await ws.api.json(`/api/v1/agents/${agentId}`, {
      method: 'PATCH',
      json: { knowledge: { sourceIds: null, topK: 5, minScore: 0 } },
    });
    expect((await ws.api.post(`/api/v1/agents/${agentId}/publish`, { note: 'fixed' })).body.error.code).toBe(
      'evaluation_required',
    );
    expect((await runToEnd(agentId)).draftScore).toBe(50);
    const published = await ws.api.post(`/api/v1/agents/${agentId}/publish`, { note: 'fixed' });
    expect(published.status).toBe(200);
    expect(published.body.agent.publishedVersion).toBe(2);
  });
});

describe('isolation', () => {
  it('keeps evaluation sets and runs to their workspace (404 elsewhere)', async () => {
    const { agentId } = await agentWithSet({ answerMode: 'extractive' });
    const run = await runToEnd(agentId);
    expect((await other.api.json(`/api/v1/agents/${agentId}/evaluations`)).status).toBe(404);
    expect((await other.api.post(`/api/v1/agents/${agentId}/evaluations/runs`, {})).status).toBe(404);
    expect((await other.api.json(`/api/v1/agents/${agentId}/evaluations/runs/${run.id}`)).status).toBe(404);
    expect(
      (await other.api.post(`/api/v1/agents/${agentId}/evaluations/cases`, { question: 'Injected?', facts: ['x'] }))
        .status,
    ).toBe(404);
    expect((await ws.api.json(`/api/v1/agents/${agentId}/evaluations`)).body.cases).toHaveLength(2);
  });
});
