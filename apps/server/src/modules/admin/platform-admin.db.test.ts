import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, signedInUser, TestClient, uniqueEmail } from '../../../test/support/client';
import { useTestRuntime } from '../../../test/support/runtime';
import { withPlatform, withTenant } from '../../platform/tenancy';

const rt = useTestRuntime({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });

let admin: TestClient;
const adminEmail = uniqueEmail('root');

async function until(check: () => Promise<boolean>, ms = 15_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function workspaceWithKey(label: string) {
  const person = await signedInUser(rt.current, label);
  const { body } = await person.client.post('/api/v1/workspaces', { name: `${label} Inc` });
  person.client.workspaceId = body.workspace.id;
  const key = await person.client.post('/api/v1/api-keys', { name: 'integration', scopes: ['read'] });
  if (key.status !== 201) throw new Error(`key: ${key.status} ${JSON.stringify(key.body)}`);
  return {
    ...person,
    workspaceId: body.workspace.id as string,
    key: key.body.secret as string,
    keyId: key.body.apiKey.id as string,
  };
}

beforeAll(async () => {
  const visitor = new TestClient(rt.current);
  expect((await visitor.json('/api/v1/auth-config')).body.setupNeeded).toBe(true);
  const setup = await visitor.post('/api/v1/setup', { name: 'Root', email: adminEmail, password: PASSWORD });
  expect(setup.status).toBe(201);
  admin = new TestClient(rt.current);
  expect((await admin.signIn(adminEmail, PASSWORD)).status).toBe(200);
});

describe('first-run setup', () => {
  it('works once', async () => {
    const again = await new TestClient(rt.current).post('/api/v1/setup', {
      name: 'Intruder',
      email: uniqueEmail('x'),
      password: PASSWORD,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('setup_done');
    expect((await new TestClient(rt.current).json('/api/v1/auth-config')).body.setupNeeded).toBe(false);
    expect((await admin.json('/api/v1/me')).body.user.superAdmin).toBe(true);
  });
});

describe('API keys', () => {
  it('shows the secret once, stores only a hash, and stops working when revoked', async () => {
    const ws = await workspaceWithKey('keys');
    expect(ws.key).toMatch(/^sb_live_[A-Za-z0-9]{32}_[0-9a-z]{26}$/);
    const stored = await withTenant(
      { tenantId: ws.workspaceId },
      async (tx) => (await tx.query('SELECT * FROM api_keys')).rows,
    );
    expect(JSON.stringify(stored)).not.toContain(ws.key.slice(8, 40));
    const listed = (await ws.client.json('/api/v1/api-keys')).body.apiKeys;
    expect(JSON.stringify(listed)).not.toContain(ws.key.slice(8, 40));
    expect(listed[0]).toMatchObject({
      name: 'integration',
      displayPrefix: ws.key.slice(0, 14),
      scopes: ['read'],
      lastUsedAt: null,
    });

    const integration = new TestClient(rt.current, ws.key);
    expect((await integration.json('/api/v1/members')).status).toBe(200);
    const usedAt = (await ws.client.json('/api/v1/api-keys')).body.apiKeys[0].lastUsedAt;
    expect(usedAt).not.toBeNull();
    // Scopes: a read key cannot change the workspace, and keys never manage keys.
    expect((await integration.json('/api/v1/workspace', { method: 'PATCH', json: { name: 'Hijacked' } })).status).toBe(
      403,
    );
    expect((await integration.json('/api/v1/api-keys')).body.error.code).toBe('session_required');

    // The key was used a moment ago (this process remembers it for a few seconds): revoking ends that at once.
    expect((await ws.client.json(`/api/v1/api-keys/${ws.keyId}`, { method: 'DELETE' })).status).toBe(200);
    const after = await integration.json('/api/v1/members');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('invalid_api_key');
  });

  it('refuses a key whose tenant part was swapped for another workspace', async () => {
    const a = await workspaceWithKey('swap-a');
    const b = await workspaceWithKey('swap-b');
    const forged = `${a.key.slice(0, 41)}${b.workspaceId.slice(4)}`;
    expect((await new TestClient(rt.current, forged).json('/api/v1/members')).status).toBe(401);
  });
});

describe('suspension', () => {
  it('answers 403 workspace_suspended to members and keys until reinstated, and audits both', async () => {
    const ws = await workspaceWithKey('suspended');
    const search = await admin.json(`/api/admin/tenants?q=${encodeURIComponent('suspended Inc')}`);
    expect(search.body.tenants).toEqual([
      expect.objectContaining({ id: ws.workspaceId, members: 1, apiKeys: 1, status: 'active' }),
    ]);

    expect(
      (await admin.post(`/api/admin/tenants/${ws.workspaceId}/suspend`, { reason: 'Unpaid invoice' })).status,
    ).toBe(200);
    for (const client of [ws.client, new TestClient(rt.current, ws.key)]) {
      const refused = await client.json('/api/v1/members');
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('workspace_suspended');
    }
    expect((await admin.post(`/api/admin/tenants/${ws.workspaceId}/unsuspend`, {})).status).toBe(200);
    expect((await ws.client.json('/api/v1/members')).status).toBe(200);

    const log = (await ws.client.json('/api/v1/audit-log?action=workspace.')).body.entries.map(
      (e: { action: string; actorLabel: string }) => [e.action, e.actorLabel],
    );
    expect(log).toEqual(
      expect.arrayContaining([
        ['workspace.suspended', `${adminEmail} (platform admin)`],
        ['workspace.reinstated', `${adminEmail} (platform admin)`],
      ]),
    );
  });

  it('keeps the console to platform administrators', async () => {
    const { client } = await signedInUser(rt.current, 'curious');
    expect((await client.json('/api/admin/tenants')).status).toBe(403);
    expect((await new TestClient(rt.current).json('/api/admin/tenants')).status).toBe(401);
  });
});

describe('impersonation', () => {
  it('signs the admin in as a member for an hour, marks and audits what they do, and ends', async () => {
    const ws = await workspaceWithKey('impersonated');
    const started = await admin.post('/api/admin/impersonate', { userId: ws.userId });
    expect(started.status).toBe(200);
    expect(started.body.impersonating).toMatchObject({ userId: ws.userId, email: ws.email, expiresInSeconds: 3600 });

    const me = (await admin.json('/api/v1/me')).body;
    expect(me.user.email).toBe(ws.email);
    expect(me.impersonation.impersonatorId).toBeTruthy();
    const minutesLeft = (new Date(me.impersonation.expiresAt).getTime() - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(55);
    expect(minutesLeft).toBeLessThanOrEqual(60);

    admin.workspaceId = ws.workspaceId;
    expect(
      (await admin.json('/api/v1/workspace', { method: 'PATCH', json: { name: 'Renamed while impersonated' } })).status,
    ).toBe(200);
    const entries = (await ws.client.json('/api/v1/audit-log')).body.entries as Array<{
      action: string;
      impersonatorId: string | null;
    }>;
    expect(entries.find((e) => e.action === 'workspace.renamed')?.impersonatorId).toBe(me.impersonation.impersonatorId);
    expect(entries.some((e) => e.action === 'impersonation.started')).toBe(true);
    // While impersonating, the admin console is closed.
    expect((await admin.json('/api/admin/tenants')).status).toBe(403);

    expect((await admin.post('/api/auth/admin/stop-impersonating')).status).toBe(200);
    admin.workspaceId = null;
    expect((await admin.json('/api/v1/me')).body.user.email).toBe(adminEmail);
    expect((await admin.json('/api/admin/tenants')).status).toBe(200);
  });

  it('mints no API key that would outlive the impersonation, and hands back no session token', async () => {
    const ws = await workspaceWithKey('no-keys');
    expect((await admin.post('/api/admin/impersonate', { userId: ws.userId })).status).toBe(200);
    admin.workspaceId = ws.workspaceId;
    const refused = await admin.post('/api/v1/api-keys', { name: 'backdoor', scopes: ['read', 'write'] });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: 'impersonation_forbidden',
      message: expect.stringMatching(/impersonat/i),
    });
    expect(refused.body.error.requestId).toBeTruthy();
    expect(refused.body.secret).toBeUndefined();
    // Revoking stays possible (it only takes access away), and nothing was created.
    const keys = (await ws.client.json('/api/v1/api-keys')).body.apiKeys as Array<{ name: string }>;
    expect(keys.map((k) => k.name)).toEqual(['integration']);

    const stop = await admin.fetch('/api/auth/admin/stop-impersonating', { method: 'POST', json: {} });
    const text = await stop.text();
    expect(stop.status).toBe(200);
    const adminToken = decodeURIComponent(admin.sessionToken()!).split('.')[0]!;
    expect(text).not.toContain(adminToken);
    expect(text).not.toMatch(/"token"\s*:/);
    admin.workspaceId = null;
    expect((await admin.json('/api/v1/me')).body.user.email).toBe(adminEmail);
    // The member's own session still mints keys.
    expect((await ws.client.post('/api/v1/api-keys', { name: 'own', scopes: ['read'] })).status).toBe(201);
  });

  it('cannot impersonate another platform administrator', async () => {
    const { id } = (await admin.json('/api/v1/me')).body.user;
    expect((await admin.post('/api/admin/impersonate', { userId: id })).status).toBe(403);
  });
});

describe('workspace deletion', () => {
  it('needs the exact name, then purges the data in the background and keeps the audit log', async () => {
    const ws = await workspaceWithKey('doomed');
    const wrong = await ws.client.json('/api/v1/workspace', { method: 'DELETE', json: { confirm: 'doomed' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('confirmation_mismatch');
    expect(
      (await ws.client.json('/api/v1/workspace', { method: 'DELETE', json: { confirm: 'doomed Inc' } })).status,
    ).toBe(202);

    const status = async () =>
      (
        await withPlatform((tx) =>
          tx.query<{ status: string }>('SELECT status FROM tenants WHERE id = $1', [ws.workspaceId]),
        )
      ).rows[0]!.status;
    expect(await until(async () => (await status()) === 'deleted')).toBe(true);
    const counts = await withPlatform(
      async (tx) =>
        (
          await tx.query<{ members: number; keys: number; audit: number }>(
            `SELECT (SELECT count(*)::int FROM memberships WHERE tenant_id = $1) AS members,
                  (SELECT count(*)::int FROM api_keys WHERE tenant_id = $1) AS keys,
                  (SELECT count(*)::int FROM audit_log WHERE tenant_id = $1) AS audit`,
            [ws.workspaceId],
          )
        ).rows[0]!,
    );
    expect(counts.members).toBe(0);
    expect(counts.keys).toBe(0);
    expect(counts.audit).toBeGreaterThanOrEqual(3);
    expect((await ws.client.json('/api/v1/me')).body.workspaces).toEqual([]);
    expect((await ws.client.json('/api/v1/members')).status).toBe(404);
    expect((await new TestClient(rt.current, ws.key).json('/api/v1/members')).status).toBe(401);
  });
});
