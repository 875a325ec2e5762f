import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../app';
import { route, serviceContext, sessionUser } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { listWorkspacesForUser } from '../tenants';
import { createApiKey, createApiKeyInput, listApiKeys, revokeApiKey } from './api-keys/manage-api-keys';
import { MIN_PASSWORD_LENGTH } from './auth/better-auth';
import { sessionFromHeaders } from './authenticate';
import { completeSetup, isSetupNeeded, newAccountInput } from './provisioning';

const ApiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    displayPrefix: z.string(),
    scopes: z.array(z.string()),
    agentIds: z.array(z.string()).nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.date(),
    lastUsedAt: z.date().nullable(),
    revokedAt: z.date().nullable(),
  })
  .openapi('ApiKey');

const Workspace = z.object({ id: z.string(), name: z.string(), slug: z.string(), status: z.string(), role: z.string() }).openapi('WorkspaceMembership');

const Me = z
  .object({
    user: z.object({
      id: z.string(),
      email: z.string(),
      name: z.string(),
      emailVerified: z.boolean(),
      twoFactorEnabled: z.boolean(),
      superAdmin: z.boolean(),
    }),
    impersonation: z.object({ impersonatorId: z.string(), expiresAt: z.date() }).nullable(),
    workspaces: z.array(Workspace),
  })
  .openapi('Me');

const IdParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });

export function mountAccountRoutes(app: App, deps: AppDeps): void {
  const providers = [
    ...(deps.config.GOOGLE_CLIENT_ID && deps.config.GOOGLE_CLIENT_SECRET ? ['google'] : []),
    ...(deps.config.GITHUB_CLIENT_ID && deps.config.GITHUB_CLIENT_SECRET ? ['github'] : []),
  ];

  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/auth-config',
        tags: ['Accounts'],
        summary: 'How people can sign in here',
        responses: {
          200: json(z.object({ providers: z.array(z.string()), setupNeeded: z.boolean(), minPasswordLength: z.number() }), 'Sign-in options'),
        },
      },
      { auth: 'public' },
    ),
    async (c) => c.json({ providers, setupNeeded: await isSetupNeeded(), minPasswordLength: MIN_PASSWORD_LENGTH }, 200),
  );

  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/setup',
        tags: ['Accounts'],
        summary: 'Create the first platform administrator (works once)',
        request: { body: { required: true, content: { 'application/json': { schema: newAccountInput } } } },
        responses: { 201: json(z.object({ userId: z.string() }), 'Created; sign in next'), ...ErrorResponses },
      },
      { auth: 'public' },
    ),
    async (c) => c.json(await completeSetup(c.req.valid('json')), 201),
  );

  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/me',
        tags: ['Accounts'],
        summary: 'The signed-in person and their workspaces',
        responses: { 200: json(Me, 'You'), ...ErrorResponses },
      },
      { auth: 'session' },
    ),
    async (c) => {
      const user = sessionUser(c);
      const session = (await sessionFromHeaders(c.req.raw.headers))!;
      return c.json(
        {
          user: {
            id: user.id,
            email: user.email,
            name: user.name,
            emailVerified: session.emailVerified,
            twoFactorEnabled: session.twoFactorEnabled,
            superAdmin: user.superAdmin,
          },
          impersonation: session.impersonatorId ? { impersonatorId: session.impersonatorId, expiresAt: session.expiresAt } : null,
          workspaces: await listWorkspacesForUser(user.id),
        },
        200,
      );
    },
  );

  const keyAccess = { auth: 'workspace', permission: 'api_keys.manage', sessionOnly: true } as const;

  app.openapi(
    route(
      { method: 'get', path: '/api/v1/api-keys', tags: ['API keys'], summary: 'List API keys', responses: { 200: json(z.object({ apiKeys: z.array(ApiKey) }), 'Keys (secrets are never shown again)'), ...ErrorResponses } },
      keyAccess,
    ),
    async (c) => c.json({ apiKeys: await listApiKeys(serviceContext(c)) }, 200),
  );

  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/api-keys',
        tags: ['API keys'],
        summary: 'Create an API key (its secret is shown once)',
        request: { body: { required: true, content: { 'application/json': { schema: createApiKeyInput } } } },
        responses: { 201: json(z.object({ apiKey: ApiKey, secret: z.string() }), 'The key and its secret'), ...ErrorResponses },
      },
      keyAccess,
    ),
    async (c) => c.json(await createApiKey(serviceContext(c), c.req.valid('json')), 201),
  );

  app.openapi(
    route(
      {
        method: 'delete',
        path: '/api/v1/api-keys/{id}',
        tags: ['API keys'],
        summary: 'Revoke an API key',
        request: { params: IdParam },
        responses: { 200: json(z.object({ apiKey: ApiKey }), 'Revoked'), ...ErrorResponses },
      },
      keyAccess,
    ),
    async (c) => c.json({ apiKey: await revokeApiKey(serviceContext(c), c.req.valid('param').id) }, 200),
  );

}
