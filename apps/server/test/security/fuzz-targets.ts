import type { Permission } from '../../src/modules/access';
import { PERMISSIONS } from '../../src/modules/access/permissions';
import { routeAccess, type RouteAccess } from '../../src/platform/http/access';
import type { TestClient } from '../support/client';
import type { TestRuntime } from '../support/runtime';
import { SITE } from '../support/widget';
import { ROUTE_CASES, type SecurityFixture } from './route-cases';

/**
 * One route to fuzz, with what a legitimate caller sends: parameters naming real resources
 * of workspace A, its credentials and a body the route accepts. The hostile variants then
 * change one thing at a time, so that each reaches as deep into the route as it can.
 */
export interface FuzzTarget {
  key: string;
  method: string;
  /** OpenAPI-style path, `{name}` for parameters. */
  template: string;
  params: Record<string, string>;
  /** Query parameters the route declares. */
  queryNames: string[];
  /** A valid JSON body (undefined: the route takes none). */
  body?: unknown;
  /** Takes multipart/form-data with a file in `file`. */
  multipart?: boolean;
  /** Headers of the legitimate call: credentials, Origin, workspace. */
  headers: Array<[string, string]>;
  /** The same call from the dashboard (a session cookie), where `headers` use an API key: the cookie checks' cases use it. */
  sessionHeaders?: Array<[string, string]>;
  /** Its 4xx answers are the JSON error envelope (false: an HTML page or a static file by design). */
  envelope: boolean;
}

export interface FuzzWorld {
  rt: TestRuntime;
  f: SecurityFixture;
  widget: { publicKey: string; conversationId: string; token: string; attachmentId: string; answerId: string };
  /** A person of their own for the sign-in library's routes (which sign out, change passwords…). */
  authUser: { client: TestClient; email: string; password: string };
}

const toOpenApi = (path: string) => path.replace(/:([A-Za-z_]+)/g, '{$1}');

/** Routes that would take the fixture away from the routes after them: fuzzed last. */
const LAST = [
  'POST /api/v1/agents/{id}/status',
  'DELETE /api/v1/members/{userId}',
  'POST /api/v1/widgets/{agentId}/rotate-key',
  'POST /api/v1/widget-identity/rotate',
  'DELETE /api/v1/me/sessions/{id}',
  'POST /api/admin/impersonate',
  'POST /api/v1/members/transfer-ownership',
  'POST /api/v1/workspace/leave',
  'DELETE /api/v1/workspace',
  'POST /api/admin/tenants/{id}/suspend',
];

const WIDGET = '/api/widget/v1/{key}';
/** The public widget routes' legitimate calls (route-cases.ts covers /api/v1 and /api/admin). */
function widgetCase(
  template: string,
  w: FuzzWorld['widget'],
): { params: Record<string, string>; body?: unknown; multipart?: boolean } | null {
  const conversation = { key: w.publicKey, id: w.conversationId };
  const cases: Record<string, { params: Record<string, string>; body?: unknown; multipart?: boolean }> = {
    [`${WIDGET}/config`]: { params: { key: w.publicKey } },
    [`${WIDGET}/session`]: {
      params: { key: w.publicKey },
      body: { create: true, page: { url: `${SITE}/pricing`, title: 'Pricing' } },
    },
    [`${WIDGET}/conversations/{id}/messages`]: { params: conversation, body: { content: 'Hello?' } },
    [`${WIDGET}/conversations/{id}/events`]: { params: conversation },
    [`${WIDGET}/conversations/{id}/typing`]: { params: conversation, body: { typing: true } },
    [`${WIDGET}/conversations/{id}/handoff`]: { params: conversation, body: { reason: 'A person, please' } },
    [`${WIDGET}/conversations/{id}/lead`]: {
      params: conversation,
      body: { values: { name: 'Ada', email: 'ada@example.test' }, consent: true },
    },
    [`${WIDGET}/conversations/{id}/rating`]: { params: conversation, body: { rating: 5, comment: 'Thanks' } },
    [`${WIDGET}/conversations/{id}/messages/{messageId}/feedback`]: {
      params: { ...conversation, messageId: w.answerId },
      body: { rating: 'down', comment: 'Not what I asked' },
    },
    [`${WIDGET}/conversations/{id}/feedback`]: { params: conversation },
    [`${WIDGET}/conversations/{id}/attachments`]: { params: conversation, multipart: true },
    [`${WIDGET}/conversations/{id}/attachments/{attachmentId}`]: {
      params: { ...conversation, attachmentId: w.attachmentId },
    },
    [`${WIDGET}/conversations/{id}/actions`]: { params: conversation },
    // No action waits in the fixture: the legitimate call is a 404, the hostile ones 4xx too.
    [`${WIDGET}/conversations/{id}/actions/{actionId}`]: {
      params: { ...conversation, actionId: 'acf_01jqfuzzfuzzfuzzfuzzfuzzfu' },
      body: { confirm: false },
    },
    [`${WIDGET}/{wildcard}`]: { params: { key: w.publicKey, wildcard: 'session' } },
  };
  return cases[template] ?? null;
}

/**
 * Who calls: workspace routes that take API keys are called with one (a key is what scripts
 * send, and costs the server less than a session, which keeps the run short); the cookie
 * cases then call them as the dashboard would.
 */
function credentials(
  world: FuzzWorld,
  access: RouteAccess | undefined,
  template: string,
): Pick<FuzzTarget, 'headers' | 'sessionHeaders'> {
  const origin: [string, string] = ['Origin', world.rt.runtime.config.appUrl];
  const cookie = (client: TestClient): [string, string] => ['Cookie', client.cookieHeader()];
  if (template.startsWith('/api/widget/')) {
    const headers: Array<[string, string]> = [['Origin', SITE]];
    if (template.includes('/conversations/')) headers.push(['Authorization', `Bearer ${world.widget.token}`]);
    return { headers };
  }
  if (template.startsWith('/api/auth/')) return { headers: [origin, cookie(world.authUser.client)] };
  if (!access || access.auth === 'public') return { headers: [origin, cookie(world.f.a.users.viewer.client)] };
  if (access.auth === 'superAdmin') return { headers: [origin, cookie(world.f.admin)] };
  if (access.auth === 'session') return { headers: [origin, cookie(world.f.a.users.viewer.client)] };
  const session: Array<[string, string]> = [
    origin,
    cookie(world.f.a.users.owner.client),
    ['X-Workspace-Id', world.f.a.id],
  ];
  // Keys never hold `manage` permissions: those routes are the dashboard's.
  if (access.sessionOnly || PERMISSIONS[access.permission as Permission]?.scope === 'manage')
    return { headers: session };
  return { headers: [['Authorization', `Bearer ${world.f.a.writeKey}`]], sessionHeaders: session };
}

/** The sign-in library's endpoints this server lets through, with a body each would accept. */
function authTargets(world: FuzzWorld): Array<Omit<FuzzTarget, 'headers' | 'envelope'>> {
  const { email, password } = world.authUser;
  const post = (path: string, body: unknown) => ({
    key: `POST /api/auth/${path}`,
    method: 'POST',
    template: `/api/auth/${path}`,
    params: {},
    queryNames: [],
    body,
  });
  const get = (path: string, queryNames: string[] = []) => ({
    key: `GET /api/auth/${path}`,
    method: 'GET',
    template: `/api/auth/${path}`,
    params: {},
    queryNames,
  });
  return [
    get('get-session'),
    get('verify-email', ['token', 'callbackURL']),
    get('reset-password/{token}', ['callbackURL']),
    // A wrong password: the account locks after five, so the rest cost no password hashing.
    post('sign-in/email', { email, password: 'not the password' }),
    post('sign-up/email', { email: `fuzz-${Date.now()}@example.test`, password, name: 'Fuzz' }),
    post('sign-in/social', { provider: 'google', callbackURL: '/' }),
    post('send-verification-email', { email }),
    post('request-password-reset', { email, redirectTo: '/reset' }),
    post('reset-password', { newPassword: password, token: 'not-a-token' }),
    post('update-user', { name: 'Fuzzed' }),
    post('two-factor/verify-totp', { code: '123456' }),
    post('change-password', { currentPassword: password, newPassword: password }),
    post('sign-out', {}),
  ].map((t) => (t.template.includes('{token}') ? { ...t, params: { token: 'not-a-token' } } : t));
}

/**
 * Every route the app serves (its route table), each with a legitimate call. Wildcard
 * mounts are given explicit paths: the sign-in library's endpoints, the widget's CORS
 * preflight, the dashboard and widget files.
 */
export async function fuzzTargets(world: FuzzWorld): Promise<FuzzTarget[]> {
  const { app } = world.rt.runtime;
  const doc = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } });
  const queryOf = (method: string, template: string) =>
    (
      (doc.paths?.[template] as Record<string, { parameters?: Array<{ in: string; name: string }> }> | undefined)?.[
        method.toLowerCase()
      ]?.parameters ?? []
    )
      .filter((p) => p.in === 'query')
      .map((p) => p.name);
  const keys = [
    ...new Set(
      app.routes
        .filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method} ${toOpenApi(r.path).replace('/*', '/{wildcard}')}`),
    ),
  ];
  const targets: FuzzTarget[] = [];
  for (const key of keys) {
    const [method, template] = key.split(' ') as [string, string];
    const access = routeAccess.get(key);
    let params: Record<string, string> = {};
    let body: unknown;
    let multipart = false;
    if (template.startsWith('/api/auth/')) continue;
    if (template.startsWith('/api/widget/')) {
      const found = widgetCase(template, world.widget);
      if (!found) throw new Error(`No fuzz case for the widget route ${key}: add it to widgetCase`);
      ({ params, body } = found);
      multipart = found.multipart ?? false;
    } else if (template === '/chat/{key}') params = { key: world.widget.publicKey };
    else if (template === '/chat/resume/{token}')
      params = { token: 'sbr1.e30.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' };
    else if (template === '/api/docs/{file}') params = { file: 'swagger-ui.css' };
    else if (template === '/{wildcard}') params = { wildcard: 'inbox' };
    else {
      const routeCase = ROUTE_CASES[key] ?? {};
      params = (await routeCase.params?.(world.f.a, world.f)) ?? {};
      body = routeCase.body?.(world.f.a, world.f);
      multipart = template === '/api/v1/knowledge/sources/upload';
      if (multipart) body = undefined;
      else if (
        body === undefined &&
        (doc.paths?.[template] as Record<string, { requestBody?: unknown }> | undefined)?.[method.toLowerCase()]
          ?.requestBody
      )
        body = {};
    }
    // Routes that answer HTML or files by design; their errors are pages, not the envelope.
    const envelope = !(
      template === '/chat/{key}' ||
      template === '/chat/resume/{token}' ||
      template === '/reports/unsubscribe' ||
      template === '/{wildcard}' ||
      template === '/favicon.svg'
    );
    targets.push({
      key,
      method,
      template,
      params,
      queryNames: queryOf(method, template),
      body,
      multipart,
      envelope,
      ...credentials(world, access, template),
    });
  }
  for (const t of authTargets(world))
    targets.push({ ...t, envelope: true, ...credentials(world, undefined, t.template) });
  for (const path of ['/widget.js', '/assets/index.js']) {
    targets.push({
      key: `GET ${path}`,
      method: 'GET',
      template: path,
      params: {},
      queryNames: [],
      envelope: true,
      headers: [],
    });
  }
  const rank = (t: FuzzTarget) =>
    LAST.includes(t.key) ? LAST.indexOf(t.key) + 1 : t.key === 'POST /api/auth/sign-out' ? LAST.length + 1 : 0;
  return targets.sort((a, b) => rank(a) - rank(b) || a.key.localeCompare(b.key));
}
