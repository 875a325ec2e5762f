import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rolesWithout, type Permission } from '../../src/modules/access';
import { PERMISSIONS } from '../../src/modules/access/permissions';
import { routeAccess, type RouteAccess } from '../../src/platform/http/access';
import { withPlatform, type MemberRole } from '../../src/platform/tenancy';
import { TestClient } from '../support/client';
import { useTestRuntime } from '../support/runtime';
import { TelegramPeer } from '../support/channels/telegram-peer';
import { securityFixture } from './fixture';
import { limitedKeyExpectation, ROUTE_CASES, type SecurityFixture } from './route-cases';

/**
 * The shared security cases, generated for every route the app serves under /api/v1 and
 * /api/admin: no credentials → 401, another tenant's ids → 404, a lower role or a key's
 * scope → 403, a key limited to another agent → its declared answer (and nothing of the
 * agents outside it in any answer), a malformed body or query → 400. It fails when a route is
 * added without its declared access or without its case in route-cases.ts, and it checks that
 * nothing of tenant B changed while tenant A's people and keys tried.
 */
// Channel routes call the platform: a local Telegram Bot API answers them.
const telegram = await TelegramPeer.start();
afterAll(() => telegram.close());
const rt = useTestRuntime({
  LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
  RATE_LIMIT_PER_MINUTE: '100000',
  TELEGRAM_API_URL: telegram.url,
});

let f: SecurityFixture;

/** Everything tenant B holds, as one digest per table, once its events are published (the drainer marks rows in the background). */
async function digestOf(tenantId: string): Promise<Record<string, string>> {
  for (let i = 0; i < 100; i++) {
    const { rows } = await withPlatform((tx) =>
      tx.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM events_outbox WHERE tenant_id = $1 AND published_at IS NULL',
        [tenantId],
      ),
    );
    if (!rows[0]!.n) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return withPlatform(async (tx) => {
    const { rows: tables } = await tx.query<{ table: string }>(
      `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r'
          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id') ORDER BY 1`,
    );
    const out: Record<string, string> = {};
    for (const { table } of tables) {
      const { rows } = await tx.query<{ d: string | null }>(
        `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS d FROM ${table} t WHERE tenant_id = $1`,
        [tenantId],
      );
      out[table] = rows[0]!.d ?? 'empty';
    }
    return out;
  });
}

const toOpenApi = (path: string) => path.replace(/:([A-Za-z_]+)/g, '{$1}');
const COVERED = /^\/api\/(v1|admin)\//;

function servedRoutes(): string[] {
  return [
    ...new Set(
      rt.current.runtime.app.routes
        .filter((r) => r.method !== 'ALL' && COVERED.test(r.path))
        .map((r) => `${r.method} ${toOpenApi(r.path)}`),
    ),
  ].sort();
}

interface Call {
  client: TestClient;
  workspaceId?: string | null;
  params?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  query?: string;
}

async function call(key: string, request: Call): Promise<{ status: number; text: string }> {
  const [method, template] = key.split(' ') as [string, string];
  let path = template;
  for (const [name, value] of Object.entries(request.params ?? {}))
    path = path.replace(`{${name}}`, encodeURIComponent(value));
  if (request.query) path += `?${request.query}`;
  const headers: Record<string, string> = {};
  if (request.workspaceId) headers['x-workspace-id'] = request.workspaceId;
  const init: RequestInit & { json?: unknown } = { method, headers };
  if (request.rawBody !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = request.rawBody;
  } else if (request.body !== undefined) init.json = request.body;
  // Some routes answer CSV or a stream rather than JSON: the body is read as text.
  const response = await request.client.fetch(path, init);
  return { status: response.status, text: await response.text() };
}

/** The most privileged role that still lacks the permission: the sharpest 403 to test. */
function deniedRole(access: RouteAccess): MemberRole | null {
  if (!access.permission) return null;
  return rolesWithout(access.permission as Permission)[0] ?? null;
}

/** Who may call the route, to show that bad input (not access) is what gets refused. */
function permitted(access: RouteAccess): { client: TestClient; workspaceId?: string } {
  if (access.auth === 'superAdmin') return { client: f.admin };
  if (access.auth === 'workspace') return { client: f.a.users.owner.client, workspaceId: f.a.id };
  if (access.auth === 'session') return { client: f.a.users.viewer.client };
  return { client: new TestClient(rt.current) };
}

beforeAll(async () => {
  f = await securityFixture(rt.current);
}, 120_000);

describe('route coverage', () => {
  it('declares access for every route it serves, and nothing it does not serve', () => {
    const declared = [...routeAccess.keys()].filter((k) => COVERED.test(k.split(' ')[1]!)).sort();
    expect(servedRoutes().length).toBeGreaterThan(15);
    expect(servedRoutes()).toEqual(declared);
  });

  it('has a case for every route that takes parameters, a body or a query', () => {
    const doc = rt.current.runtime.app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } });
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths ?? {})) {
      for (const [method, op] of Object.entries(
        operations as Record<string, { parameters?: unknown[]; requestBody?: unknown }>,
      )) {
        const key = `${method.toUpperCase()} ${path}`;
        const needsCase = (op.parameters?.length ?? 0) > 0 || op.requestBody !== undefined;
        if (COVERED.test(path) && needsCase && !ROUTE_CASES[key]) missing.push(key);
      }
    }
    expect(missing).toEqual([]);
    expect(Object.keys(ROUTE_CASES).filter((k) => !routeAccess.has(k))).toEqual([]);
  });

  it('names only permissions that exist', () => {
    const unknown = [...routeAccess.values()].map((a) => a.permission).filter((p) => p && !(p in PERMISSIONS));
    expect(unknown).toEqual([]);
  });
});

describe('every route', () => {
  it('answers 401 without credentials, 404 across tenants, 403 below its role, 400 to bad input', async () => {
    const routes = [...routeAccess].filter(([k]) => COVERED.test(k.split(' ')[1]!));
    // Resolve every resource first: creating B's fixtures is not what the digest guards.
    const prepared = [];
    for (const [key, access] of routes) {
      const routeCase = ROUTE_CASES[key] ?? {};
      prepared.push({
        key,
        access,
        routeCase,
        paramsA: (await routeCase.params?.(f.a, f)) ?? undefined,
        bodyA: routeCase.body?.(f.a, f),
        paramsB: (await routeCase.params?.(f.b, f)) ?? undefined,
        bodyB: routeCase.body?.(f.b, f),
      });
    }
    // Publishing the fixtures' events (the drainer lingers after commits) is not a change A made.
    await rt.current.runtime.drainer.drainAll();
    const before = await digestOf(f.b.id);
    const failures: string[] = [];
    const expectStatus = (key: string, what: string, actual: number, expected: number) => {
      if (actual !== expected) failures.push(`${key} — ${what}: expected ${expected}, got ${actual}`);
    };

    for (const { key, access, routeCase, paramsA, bodyA, paramsB, bodyB } of prepared) {
      const anonymous = new TestClient(rt.current);

      if (access.auth !== 'public') {
        const res = await call(key, { client: anonymous, params: paramsA, body: bodyA, workspaceId: f.a.id });
        expectStatus(key, 'no credentials', res.status, 401);
        const bogusKey = new TestClient(rt.current, 'sb_live_not-a-real-key');
        const res2 = await call(key, { client: bogusKey, params: paramsA, body: bodyA });
        expectStatus(
          key,
          'invalid API key',
          res2.status,
          access.auth === 'workspace' && !access.sessionOnly ? 401 : 403,
        );
      }

      if (access.auth === 'workspace') {
        const owner = f.a.users.owner.client;
        if (paramsB) {
          const res = await call(key, { client: owner, workspaceId: f.a.id, params: paramsB, body: bodyB });
          expectStatus(key, "owner of A with B's ids", res.status, 404);
          if (!access.sessionOnly) {
            const keyed = await call(key, {
              client: new TestClient(rt.current, f.a.writeKey),
              params: paramsB,
              body: bodyB,
            });
            expectStatus(key, "A's API key with B's ids", keyed.status, 404);
          }
        }
        const res = await call(key, { client: owner, workspaceId: f.b.id, params: paramsA, body: bodyA });
        expectStatus(key, 'owner of A naming workspace B', res.status, 404);

        const role = deniedRole(access);
        if (role) {
          const lower = await call(key, {
            client: f.a.users[role].client,
            workspaceId: f.a.id,
            params: paramsA,
            body: bodyA,
          });
          expectStatus(key, `${role} (lacks ${access.permission})`, lower.status, 403);
        }
        const readKey = await call(key, {
          client: new TestClient(rt.current, f.a.readKey),
          params: paramsA,
          body: bodyA,
        });
        const scope = PERMISSIONS[access.permission as Permission]?.scope;
        if (access.sessionOnly || scope !== 'read') expectStatus(key, 'read-only API key', readKey.status, 403);
        // The refusal names the scope a key needs, so a caller knows to create one with it.
        if (
          !access.sessionOnly &&
          scope === 'write' &&
          readKey.status === 403 &&
          !readKey.text.includes('"requiredScope":"write"')
        ) {
          failures.push(
            `${key} — read-only API key: the 403 does not name the write scope: ${readKey.text.slice(0, 200)}`,
          );
        }

        const limited = await call(key, {
          client: new TestClient(rt.current, f.limited.key),
          params: paramsA,
          body: bodyA,
        });
        const expected = access.sessionOnly ? 403 : limitedKeyExpectation(key, scope, routeCase);
        if (expected === undefined)
          failures.push(`${key} — declare limitedKey in its case: what a key limited to another agent gets`);
        else expectStatus(key, 'API key limited to another agent', limited.status, expected);
        const leaked = limited.status < 300 ? f.limited.markers.filter((mark) => limited.text.includes(mark)) : [];
        if (leaked.length) failures.push(`${key} — API key limited to another agent was shown ${leaked.join(', ')}`);
      }

      if (access.auth === 'superAdmin') {
        const res = await call(key, { client: f.a.users.owner.client, params: paramsA, body: bodyA });
        expectStatus(key, 'workspace owner (not platform admin)', res.status, 403);
      }

      const who = permitted(access);
      if (bodyA !== undefined) {
        const broken = await call(key, { ...who, params: paramsA, rawBody: '{"truncated": ' });
        expectStatus(key, 'malformed JSON', broken.status, 400);
        const wrongTypes = await call(key, {
          ...who,
          params: paramsA,
          body: { name: 42, email: 7, role: 'emperor', userId: [], scopes: 'all', reason: 99, confirm: 1, password: 3 },
        });
        if (JSON.stringify(bodyA) !== '{}') expectStatus(key, 'body of the wrong shape', wrongTypes.status, 400);
      }
      if (routeCase.badQuery) {
        const res = await call(key, { ...who, params: paramsA, query: routeCase.badQuery });
        expectStatus(key, `query ${routeCase.badQuery}`, res.status, 400);
      }
    }

    expect(failures).toEqual([]);
    expect(await digestOf(f.b.id)).toEqual(before);

    // Using B's ids from A's workspace is recorded as a probe (checked in the background).
    const probed = async () =>
      withPlatform(async (tx) =>
        (
          await tx.query<{ table: string }>(
            `SELECT DISTINCT detail->>'table' AS table FROM security_log WHERE kind = 'foreign_resource' AND workspace_id = $1 AND detail->>'belongsTo' = $2`,
            [f.a.id, f.b.id],
          )
        ).rows
          .map((r) => r.table)
          .sort(),
      );
    const deadline = Date.now() + 5000;
    let tables = await probed();
    const expected = [
      'actions',
      'agents',
      'analytics_reports',
      'api_keys',
      'canned_responses',
      'channel_connections',
      'conversations',
      'invitations',
      'knowledge_sources',
      'leads',
      'mcp_servers',
      'memberships',
      'provider_credentials',
      'qa_pairs',
      'webhook_endpoints',
    ];
    while (tables.length < expected.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      tables = await probed();
    }
    expect(tables).toEqual(expected);
  }, 180_000);
});
