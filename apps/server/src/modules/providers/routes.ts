import type { z } from '@hono/zod-openapi';
import { idParam, OkResponse } from '@switchboard/contract/common';
import {
  credentialInput,
  credentialPatch,
  ProviderKeyListResponse,
  ProviderKeyResponse,
  ProviderKeyTestResponse,
  testKeyBody,
} from '@switchboard/contract/providers';
import { route, serviceContext } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { testConnection } from '../../platform/llm';
import { withTenant } from '../../platform/tenancy';
import { assertCan } from '../access';
import { PROVIDERS } from '../agents';
import {
  createCredential,
  deleteCredential,
  listCredentials,
  lockCredential,
  recordTestResult,
  updateCredential,
} from './credentials';
import { platformModels } from './platform-models';
import { resolveModelTarget } from './resolve-target';
import { createRouter } from '../../platform/http/router';

const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});
const manage = { auth: 'workspace', permission: 'workspace.update', sessionOnly: true } as const;

/** What a model test uses when none is named: a small, cheap model of each provider. */
const TEST_MODELS: Record<(typeof PROVIDERS)[number], string> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-3-5-haiku-latest',
  google: 'gemini-2.0-flash',
  'openai-compatible': 'llama3.1',
};

export function providerRoutes(): App {
  const app = createRouter();
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/provider-keys',
        tags: ['Models'],
        summary: 'The workspace’s own model keys (masked) and the platform’s models',
        responses: { 200: json(ProviderKeyListResponse, 'Keys'), ...ErrorResponses },
      },
      { auth: 'workspace', permission: 'agents.read' },
    ),
    async (c) => {
      const models = platformModels();
      const providers = PROVIDERS.filter((p) => models.target(p, 'x') !== null);
      return c.json(
        {
          keys: await listCredentials(serviceContext(c)),
          platform: {
            providers: [...providers],
            defaultModel: models.defaultChoice
              ? `${models.defaultChoice.provider}:${models.defaultChoice.modelId}`
              : null,
          },
        },
        200,
      );
    },
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/provider-keys',
        tags: ['Models'],
        summary: 'Add a model provider key (stored encrypted; never shown again)',
        request: body(credentialInput),
        responses: { 201: json(ProviderKeyResponse, 'Added'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => c.json({ key: await createCredential(serviceContext(c), c.req.valid('json')) }, 201),
  );
  app.openapi(
    route(
      {
        method: 'patch',
        path: '/api/v1/provider-keys/{id}',
        tags: ['Models'],
        summary: 'Rename, re-point or replace a key',
        request: { params: idParam, ...body(credentialPatch) },
        responses: { 200: json(ProviderKeyResponse, 'Saved'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) =>
      c.json({ key: await updateCredential(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'delete',
        path: '/api/v1/provider-keys/{id}',
        tags: ['Models'],
        summary: 'Delete a key (refused while an agent uses it)',
        request: { params: idParam },
        responses: { 200: json(OkResponse, 'Deleted'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => {
      await deleteCredential(serviceContext(c), c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/provider-keys/{id}/test',
        tags: ['Models'],
        summary: 'Test the connection with this key (a tiny real call)',
        request: { params: idParam, ...body(testKeyBody) },
        responses: { 200: json(ProviderKeyTestResponse, 'Result'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => {
      const ctx = serviceContext(c);
      assertCan(ctx, 'workspace.update');
      const { id } = c.req.valid('param');
      const row = await withTenant(ctx, (tx) => lockCredential(tx, id));
      const modelId = c.req.valid('json').modelId ?? TEST_MODELS[row.provider];
      const target = await resolveModelTarget(ctx, {
        provider: row.provider,
        modelId,
        credentialId: id,
        temperature: 0,
        maxTokens: 16,
      });
      const result = await testConnection(target!);
      const key = await recordTestResult(ctx, id, result.ok, result.message);
      return c.json({ ...result, key }, 200);
    },
  );
  return app;
}
