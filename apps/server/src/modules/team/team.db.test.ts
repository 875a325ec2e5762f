import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, signedInUser, TestClient, uniqueEmail, waitForMail, type Mail } from '../../../test/support/client';
import { useTestRuntime } from '../../../test/support/runtime';
import { withTenant } from '../../platform/tenancy';

const rt = useTestRuntime({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });

let owner: TestClient;
let workspaceId: string;

beforeAll(async () => {
  owner = (await signedInUser(rt.current, 'owner')).client;
  const created = await owner.post('/api/v1/workspaces', { name: 'Team Test' });
  workspaceId = created.body.workspace.id;
  owner.workspaceId = workspaceId;
});

async function invite(email: string, role = 'agent'): Promise<{ mail: Mail; token: string; id: string }> {
  const started = Date.now();
  const { status, body } = await owner.post('/api/v1/invitations', { email, role });
  expect(status).toBe(201);
  const mail = await waitForMail(rt.current, email, /invited you to Team Test/, started);
  const link = mail.links.find((l) => l.includes('/invite/'))!;
  return { mail, token: link.split('/invite/')[1]!, id: body.invitation.id };
}

async function auditActions(): Promise<string[]> {
  return withTenant({ tenantId: workspaceId }, async (tx) =>
    (await tx.query<{ action: string }>('SELECT action FROM audit_log ORDER BY created_at, id')).rows.map(
      (r) => r.action,
    ),
  );
}

/** A new person signing up from the invitation, verifying their address through the mail. */
async function signUpFromInvitation(email: string, token: string): Promise<TestClient> {
  const client = new TestClient(rt.current);
  const started = Date.now();
  await client.post('/api/auth/sign-up/email', {
    name: 'Newcomer',
    email,
    password: PASSWORD,
    callbackURL: `/invite/${token}`,
  });
  const mail = await waitForMail(rt.current, email, /Confirm your email/, started);
  const verified = await client.fetch(mail.links.find((l) => l.includes('verify-email'))!);
  expect(verified.headers.get('location')).toBe(`/invite/${token}`);
  return client;
}

describe('invitations', () => {
  it('takes a new person from the mail to membership, once', async () => {
    const email = uniqueEmail('newcomer');
    const { token, mail } = await invite(email, 'agent');
    expect(mail.text).toContain('as agent');

    const preview = await new TestClient(rt.current).json(`/api/v1/invitation-tokens/${token}`);
    expect(preview.body).toMatchObject({
      workspace: { id: workspaceId, name: 'Team Test' },
      email,
      role: 'agent',
      status: 'pending',
      expired: false,
    });

    const newcomer = await signUpFromInvitation(email, token);
    const accepted = await newcomer.post(`/api/v1/invitation-tokens/${token}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ workspaceId, role: 'agent' });
    expect((await newcomer.json('/api/v1/me')).body.workspaces).toEqual([
      expect.objectContaining({ id: workspaceId, role: 'agent' }),
    ]);

    const reused = await newcomer.post(`/api/v1/invitation-tokens/${token}/accept`);
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('invitation_used');
    const members = (await owner.json('/api/v1/members')).body.members;
    expect(members.filter((m: { email: string }) => m.email === email)).toHaveLength(1);
  });

  it('lets an existing account accept, but not someone else', async () => {
    const invitee = await signedInUser(rt.current, 'existing');
    const other = await signedInUser(rt.current, 'other');
    const { token } = await invite(invitee.email, 'viewer');
    const wrong = await other.client.post(`/api/v1/invitation-tokens/${token}/accept`);
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('invitation_email_mismatch');
    expect(wrong.body.error.message).toContain(invitee.email);
    expect((await invitee.client.post(`/api/v1/invitation-tokens/${token}/accept`)).body.role).toBe('viewer');
  });

  it('refuses an expired invitation', async () => {
    const invitee = await signedInUser(rt.current, 'late');
    const { token, id } = await invite(invitee.email);
    await withTenant({ tenantId: workspaceId }, (tx) =>
      tx.query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [id]),
    );
    expect((await new TestClient(rt.current).json(`/api/v1/invitation-tokens/${token}`)).body.expired).toBe(true);
    const late = await invitee.client.post(`/api/v1/invitation-tokens/${token}/accept`);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('invitation_expired');
  });

  it('kills the old link when resent, and every link when revoked', async () => {
    const invitee = await signedInUser(rt.current, 'resent');
    const first = await invite(invitee.email);
    const started = Date.now();
    expect((await owner.post(`/api/v1/invitations/${first.id}/resend`)).status).toBe(200);
    const second = await waitForMail(rt.current, invitee.email, /invited you/, started);
    const newToken = second.links.find((l) => l.includes('/invite/'))!.split('/invite/')[1]!;
    expect(newToken).not.toBe(first.token);
    expect((await invitee.client.post(`/api/v1/invitation-tokens/${first.token}/accept`)).status).toBe(404);
    expect((await owner.json(`/api/v1/invitations/${first.id}`, { method: 'DELETE' })).status).toBe(200);
    const revoked = await invitee.client.post(`/api/v1/invitation-tokens/${newToken}/accept`);
    expect(revoked.status).toBe(409);
    expect(revoked.body.error.message).toMatch(/revoked/);
  });

  it('can be declined, and refuses duplicates and members', async () => {
    const email = uniqueEmail('decliner');
    const { token } = await invite(email);
    const again = await owner.post('/api/v1/invitations', { email, role: 'viewer' });
    expect(again.body.error.code).toBe('already_invited');
    expect((await new TestClient(rt.current).post(`/api/v1/invitation-tokens/${token}/decline`)).status).toBe(200);
    expect((await new TestClient(rt.current).json(`/api/v1/invitation-tokens/${token}`)).body.status).toBe('declined');
    const ownerEmail = (await owner.json('/api/v1/me')).body.user.email;
    expect((await owner.post('/api/v1/invitations', { email: ownerEmail, role: 'viewer' })).body.error.code).toBe(
      'already_member',
    );
  });

  it('rejects a forged or malformed token without revealing anything', async () => {
    const forged = `inv_${'A'.repeat(32)}_${workspaceId.slice(4)}`;
    expect((await new TestClient(rt.current).json(`/api/v1/invitation-tokens/${forged}`)).status).toBe(404);
    expect((await new TestClient(rt.current).json('/api/v1/invitation-tokens/nonsense')).status).toBe(404);
  });
});

describe('members and ownership', () => {
  it('keeps the last owner, lets owners transfer ownership, and audits each change', async () => {
    const me = (await owner.json('/api/v1/me')).body.user;
    const demote = await owner.json(`/api/v1/members/${me.id}`, { method: 'PATCH', json: { role: 'admin' } });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe('last_owner');
    expect((await owner.post('/api/v1/workspace/leave')).body.error.code).toBe('last_owner');
    expect(await auditActions()).not.toContain('member.role_changed');

    const deputy = await signedInUser(rt.current, 'deputy');
    const { token } = await invite(deputy.email, 'admin');
    await deputy.client.post(`/api/v1/invitation-tokens/${token}/accept`);
    deputy.client.workspaceId = workspaceId;

    // An admin manages members but cannot make owners.
    const grab = await deputy.client.json(`/api/v1/members/${deputy.userId}`, {
      method: 'PATCH',
      json: { role: 'owner' },
    });
    expect(grab.status).toBe(403);

    expect((await owner.post('/api/v1/members/transfer-ownership', { userId: deputy.userId })).status).toBe(200);
    const roles = Object.fromEntries(
      ((await owner.json('/api/v1/members')).body.members as Array<{ userId: string; role: string }>).map((m) => [
        m.userId,
        m.role,
      ]),
    );
    expect(roles[deputy.userId]).toBe('owner');
    expect(roles[me.id]).toBe('admin');
    expect(await auditActions()).toContain('workspace.ownership_transferred');

    // The new owner removes the former one; the former owner is out.
    expect((await deputy.client.json(`/api/v1/members/${me.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await owner.json('/api/v1/members')).status).toBe(404);
    const actions = await auditActions();
    expect(actions.filter((a) => a === 'member.removed')).toHaveLength(1);
  });
});
