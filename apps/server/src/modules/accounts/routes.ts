import {
  accountIdParam as IdParam,
  ApiKeyCreatedResponse,
  ApiKeyListResponse,
  ApiKeyResponse,
  AuthConfigResponse,
  createApiKeyInput,
  MeSchema,
  MIN_PASSWORD_LENGTH,
  newAccountInput,
  SessionListResponse,
  SetupResponse,
  SignedOutResponse,
} from '@switchboard/contract/accounts';
import type { AppDeps } from '../../platform/app-deps';
import { route, serviceContext, sessionUser } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { listWorkspacesForUser } from '../tenants';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys/manage-api-keys';
import { sessionFromHeaders } from './authenticate';
import { completeSetup, isSetupNeeded } from './provisioning';
import { listMySessions, revokeMySession } from './sessions';
import { createRouter } from '../../platform/http/router';

export function accountRoutes(deps: AppDeps): App {
  const app = createRouter();
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
          200: json(AuthConfigResponse, 'Sign-in options'),
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
        responses: { 201: json(SetupResponse, 'Created; sign in next'), ...ErrorResponses },
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
        summary: 'The signed-in person and their workspaces (`user: null` when signed out)',
        responses: { 200: json(MeSchema, 'You'), ...ErrorResponses },
      },
      // Public: "who am I?" has an answer when signed out too, and a 401 would be noise.
      { auth: 'public' },
    ),
    async (c) => {
      const session = await sessionFromHeaders(c.req.raw.headers);
      if (!session) return c.json({ user: null, impersonation: null, workspaces: [] }, 200);
      return c.json(
        {
          user: {
            id: session.userId,
            email: session.email,
            name: session.name,
            emailVerified: session.emailVerified,
            twoFactorEnabled: session.twoFactorEnabled,
            superAdmin: session.superAdmin,
          },
          impersonation: session.impersonatorId
            ? { impersonatorId: session.impersonatorId, expiresAt: session.expiresAt }
            : null,
          workspaces: await listWorkspacesForUser(session.userId),
        },
        200,
      );
    },
  );

  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/me/sessions',
        tags: ['Accounts'],
        summary: 'Where you are signed in',
        responses: { 200: json(SessionListResponse, 'Sessions'), ...ErrorResponses },
      },
      { auth: 'session' },
    ),
    async (c) => {
      const session = (await sessionFromHeaders(c.req.raw.headers))!;
      return c.json({ sessions: await listMySessions(session.userId, session.sessionId) }, 200);
    },
  );

  app.openapi(
    route(
      {
        method: 'delete',
        path: '/api/v1/me/sessions/{id}',
        tags: ['Accounts'],
        summary: 'Sign one of your sessions out',
        request: { params: IdParam },
        responses: { 200: json(SignedOutResponse, 'Signed out'), ...ErrorResponses },
      },
      { auth: 'session' },
    ),
    async (c) => {
      await revokeMySession(sessionUser(c).id, c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  );

  const keyAccess = { auth: 'workspace', permission: 'api_keys.manage', sessionOnly: true } as const;

  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/api-keys',
        tags: ['API keys'],
        summary: 'List API keys',
        responses: { 200: json(ApiKeyListResponse, 'Keys (secrets are never shown again)'), ...ErrorResponses },
      },
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
        responses: { 201: json(ApiKeyCreatedResponse, 'The key and its secret'), ...ErrorResponses },
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
        responses: { 200: json(ApiKeyResponse, 'Revoked'), ...ErrorResponses },
      },
      keyAccess,
    ),
    async (c) => c.json({ apiKey: await revokeApiKey(serviceContext(c), c.req.valid('param').id) }, 200),
  );

  return app;
}
