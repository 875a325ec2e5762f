import type { z } from '@hono/zod-openapi';
import { idParam, OkResponse } from '@switchboard/contract/common';
import {
  caseParams,
  evaluationCaseInput,
  EvaluationCaseResponse,
  EvaluationRunListResponse,
  EvaluationRunResponse,
  EvaluationSetResponse,
  evaluationSettingsInput,
  EvaluationSettingsSchema,
  runParams,
} from '@switchboard/contract/evaluations';
import { route, serviceContext } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { createRouter } from '../../platform/http/router';
import { addEvaluationCase, deleteEvaluationCase, getEvaluationSet, setEvaluationSettings } from './manage-cases';
import { getEvaluationRun, listEvaluationRuns, startEvaluationRun } from './runs';

const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});
const read = { auth: 'workspace', permission: 'agents.read' } as const;
const write = { auth: 'workspace', permission: 'agents.write' } as const;
const tags = ['Evaluations'];
const base = '/api/v1/agents/{id}/evaluations';

export function evaluationRoutes(): App {
  const app = createRouter();
  app.openapi(
    route(
      {
        method: 'get',
        path: base,
        tags,
        summary: 'The agent’s evaluation set: its questions and the publish threshold',
        request: { params: idParam },
        responses: { 200: json(EvaluationSetResponse, 'The set'), ...ErrorResponses },
      },
      read,
    ),
    async (c) => c.json(await getEvaluationSet(serviceContext(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: `${base}/cases`,
        tags,
        summary: 'Add a question, with the facts its answer must state or the source it must cite',
        request: { params: idParam, ...body(evaluationCaseInput) },
        responses: { 201: json(EvaluationCaseResponse, 'Added'), ...ErrorResponses },
      },
      write,
    ),
    async (c) =>
      c.json({ case: await addEvaluationCase(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) }, 201),
  );
  app.openapi(
    route(
      {
        method: 'delete',
        path: `${base}/cases/{caseId}`,
        tags,
        summary: 'Remove a question',
        request: { params: caseParams },
        responses: { 200: json(OkResponse, 'Removed'), ...ErrorResponses },
      },
      write,
    ),
    async (c) => {
      const { id, caseId } = c.req.valid('param');
      await deleteEvaluationCase(serviceContext(c), id, caseId);
      return c.json({ ok: true as const }, 200);
    },
  );
  app.openapi(
    route(
      {
        method: 'put',
        path: `${base}/settings`,
        tags,
        summary: 'Block publishing below a score (percent of questions the draft passes; null: never block)',
        request: { params: idParam, ...body(evaluationSettingsInput) },
        responses: { 200: json(EvaluationSettingsSchema, 'Saved'), ...ErrorResponses },
      },
      write,
    ),
    async (c) =>
      c.json(await setEvaluationSettings(serviceContext(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: `${base}/runs`,
        tags,
        summary: 'Run the evaluation: the draft and the live version answer every question, in the background',
        description:
          'Answers are tests: no conversation, inbox entry, mail or usage is recorded. Poll the run for its progress (`completed` of `total`) and results.',
        request: { params: idParam },
        responses: { 202: json(EvaluationRunResponse, 'Queued'), ...ErrorResponses },
      },
      write,
    ),
    async (c) => c.json({ run: await startEvaluationRun(serviceContext(c), c.req.valid('param').id) }, 202),
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: `${base}/runs`,
        tags,
        summary: 'The agent’s evaluation runs, the newest first',
        request: { params: idParam },
        responses: { 200: json(EvaluationRunListResponse, 'Runs'), ...ErrorResponses },
      },
      read,
    ),
    async (c) => c.json({ runs: await listEvaluationRuns(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: `${base}/runs/{runId}`,
        tags,
        summary: 'One run: progress, results per question, totals',
        request: { params: runParams },
        responses: { 200: json(EvaluationRunResponse, 'The run'), ...ErrorResponses },
      },
      read,
    ),
    async (c) => {
      const { id, runId } = c.req.valid('param');
      return c.json({ run: await getEvaluationRun(serviceContext(c), id, runId) }, 200);
    },
  );
  return app;
}
