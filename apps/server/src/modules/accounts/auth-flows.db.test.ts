import { describe, expect, it } from 'vitest';
import { PASSWORD, signedInUser, TestClient, totp, uniqueEmail, waitForMail } from '../../../test/support/client';
import { useTestRuntime } from '../../../test/support/runtime';
import { withPlatform } from '../../platform/tenancy';

// Every test signs in from 127.0.0.1: the per-address limit is tested on its own below.
const rt = useTestRuntime({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });

async function securityKinds(email: string): Promise<string[]> {
  return withPlatform(async (tx) =>
    (
      await tx.query<{ kind: string }>(`SELECT kind FROM security_log WHERE email = $1 ORDER BY created_at`, [email])
    ).rows.map((r) => r.kind),
  );
}

async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await fn();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    value = await fn();
  }
  return value;
}

describe('sign-up and email verification', () => {
  it('sends a verification link that verifies the address and signs the person in', async () => {
    const email = uniqueEmail('ada');
    const visitor = new TestClient(rt.current);
    const started = Date.now();
    const signUp = await visitor.post('/api/auth/sign-up/email', {
      name: 'Ada',
      email,
      password: PASSWORD,
      callbackURL: '/onboarding',
    });
    expect(signUp.status).toBe(200);
    expect(visitor.sessionToken()).toBeUndefined();

    const refused = await visitor.signIn(email, PASSWORD);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('email_not_verified');

    const mail = await waitForMail(rt.current, email, /Confirm your email/, started);
    const link = mail.links.find((l) => l.includes('/api/auth/verify-email'))!;
    const verified = await visitor.fetch(link);
    expect(verified.status).toBe(302);
    expect(verified.headers.get('location')).toBe('/onboarding');
    const me = await visitor.json('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ email, emailVerified: true, superAdmin: false });
  });

  it('answers a malformed sign-up with the error envelope', async () => {
    const visitor = new TestClient(rt.current);
    const short = await visitor.post('/api/auth/sign-up/email', {
      name: 'B',
      email: uniqueEmail('b'),
      password: 'short',
    });
    expect(short.status).toBe(400);
    expect(short.body.error).toMatchObject({ code: 'password_too_short' });
    expect(short.body.error.requestId).toBeTruthy();
  });
});

describe('sessions', () => {
  it('issues a new session at sign-in, whatever cookie the browser carried (no fixation)', async () => {
    const attacker = await signedInUser(rt.current, 'attacker');
    const planted = attacker.client.sessionToken()!;
    const victim = await signedInUser(rt.current, 'victim');
    const victimBrowser = new TestClient(rt.current);
    victimBrowser.cookies.set('switchboard.session_token', planted);
    expect((await victimBrowser.signIn(victim.email, PASSWORD)).status).toBe(200);
    expect(victimBrowser.sessionToken()).not.toBe(planted);
    expect((await victimBrowser.json('/api/v1/me')).body.user.email).toBe(victim.email);
    // The planted token still belongs to the attacker, never to the victim.
    const probe = new TestClient(rt.current);
    probe.cookies.set('switchboard.session_token', planted);
    expect((await probe.json('/api/v1/me')).body.user.email).toBe(attacker.email);
  });

  it('refuses a session token after sign-out', async () => {
    const { client } = await signedInUser(rt.current, 'leaver');
    const copy = new TestClient(rt.current);
    copy.cookies.set('switchboard.session_token', client.sessionToken()!);
    expect((await copy.json('/api/v1/me')).status).toBe(200);
    expect((await client.post('/api/auth/sign-out')).status).toBe(200);
    expect((await copy.json('/api/v1/me')).body.user).toBeNull();
  });

  it('lists and revokes your own sessions by id, never exposing tokens', async () => {
    const person = await signedInUser(rt.current, 'laptop');
    const phone = new TestClient(rt.current);
    await phone.signIn(person.email, PASSWORD);
    const { body } = await person.client.json('/api/v1/me/sessions');
    expect(body.sessions).toHaveLength(2);
    expect(JSON.stringify(body)).not.toContain(person.client.sessionToken()!.split('.')[0]);
    const other = body.sessions.find((s: { current: boolean }) => !s.current);
    expect((await person.client.json(`/api/v1/me/sessions/${other.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await phone.json('/api/v1/me')).body.user).toBeNull();
    // Someone else's session id is not yours to revoke.
    const stranger = await signedInUser(rt.current, 'stranger');
    const mine = (await person.client.json('/api/v1/me/sessions')).body.sessions[0].id;
    expect((await stranger.client.json(`/api/v1/me/sessions/${mine}`, { method: 'DELETE' })).status).toBe(404);
    expect((await person.client.json('/api/v1/me')).body.user.email).toBe(person.email);
    expect((await person.client.json('/api/auth/list-sessions')).status).toBe(404);
  });

  it('refuses cookie requests from another origin', async () => {
    const { client } = await signedInUser(rt.current, 'csrf');
    const forged = await client.json('/api/v1/workspaces', {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
      json: { name: 'Forged' },
    });
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('origin_not_allowed');
    const missing = await client.json('/api/v1/workspaces', {
      method: 'POST',
      headers: { origin: '' },
      json: { name: 'No origin' },
    });
    expect(missing.status).toBe(403);
    expect((await client.post('/api/v1/workspaces', { name: 'Same origin' })).status).toBe(201);
  });
});

describe('password reset', () => {
  async function requestReset(email: string) {
    const started = Date.now();
    const visitor = new TestClient(rt.current);
    expect(
      (await visitor.post('/api/auth/request-password-reset', { email, redirectTo: '/reset-password' })).status,
    ).toBe(200);
    const mail = await waitForMail(rt.current, email, /Reset your Switchboard password/, started);
    const link = mail.links.find((l) => l.includes('/reset-password/'))!;
    const landing = await visitor.fetch(link);
    const location = new URL(landing.headers.get('location')!, rt.current.url);
    expect(location.pathname).toBe('/reset-password');
    return { visitor, token: location.searchParams.get('token')! };
  }

  it('works once, signs other sessions out, and the old password stops working', async () => {
    const { client, email } = await signedInUser(rt.current, 'forgetful');
    const { visitor, token } = await requestReset(email);
    const first = await visitor.post('/api/auth/reset-password', { newPassword: 'a brand new passphrase', token });
    expect(first.status).toBe(200);
    const again = await visitor.post('/api/auth/reset-password', { newPassword: 'yet another passphrase', token });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('invalid_token');
    expect((await client.json('/api/v1/me')).body.user).toBeNull();
    expect((await new TestClient(rt.current).signIn(email, PASSWORD)).status).toBe(401);
    expect((await new TestClient(rt.current).signIn(email, 'a brand new passphrase')).status).toBe(200);
  });

  it('refuses an expired token', async () => {
    const { email } = await signedInUser(rt.current, 'late');
    const { visitor, token } = await requestReset(email);
    await withPlatform((tx) =>
      tx.query(`UPDATE verifications SET expires_at = now() - interval '1 minute' WHERE identifier = $1`, [
        `reset-password:${token}`,
      ]),
    );
    const late = await visitor.post('/api/auth/reset-password', { newPassword: 'a brand new passphrase', token });
    expect(late.status).toBe(400);
    expect(late.body.error.code).toBe('invalid_token');
  });

  it('does not reveal whether an address has an account', async () => {
    const unknown = await new TestClient(rt.current).post('/api/auth/request-password-reset', {
      email: uniqueEmail('nobody'),
      redirectTo: '/reset-password',
    });
    expect(unknown.status).toBe(200);
  });
});

describe('sign-in throttling', () => {
  it('locks an account after five failures, with a clear message, and logs it', async () => {
    const { email } = await signedInUser(rt.current, 'target');
    const attacker = new TestClient(rt.current);
    for (let i = 0; i < 5; i++) expect((await attacker.signIn(email, `wrong password ${i}`)).status).toBe(401);
    const locked = await attacker.signIn(email, PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('account_locked');
    expect(locked.body.error.message).toMatch(/Too many failed sign-ins for this account\. Try again in 15 minutes/);
    const kinds = await eventually(
      () => securityKinds(email),
      (k) => k.includes('account_locked'),
    );
    expect(kinds.filter((k) => k === 'login_failed').length).toBeGreaterThanOrEqual(1);
    expect(kinds).toContain('account_locked');
  });

  it('forgives earlier failures after a successful sign-in', async () => {
    const { email } = await signedInUser(rt.current, 'typo');
    const client = new TestClient(rt.current);
    for (let i = 0; i < 4; i++) await client.signIn(email, 'wrong password');
    expect((await client.signIn(email, PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await client.signIn(email, 'wrong password')).status).toBe(401);
    expect((await client.signIn(email, PASSWORD)).status).toBe(200);
  });
});

describe('two-factor authentication', () => {
  it('enables TOTP after a verified code, then asks for one at sign-in', async () => {
    const { client, email } = await signedInUser(rt.current, 'careful');
    const enabled = await client.post('/api/auth/two-factor/enable', { password: PASSWORD });
    expect(enabled.status).toBe(200);
    const secret = new URL(enabled.body.totpURI).searchParams.get('secret')!;
    expect(enabled.body.backupCodes.length).toBeGreaterThanOrEqual(8);
    expect((await client.post('/api/auth/two-factor/verify-totp', { code: totp(secret) })).status).toBe(200);
    expect((await client.json('/api/v1/me')).body.user.twoFactorEnabled).toBe(true);

    const later = new TestClient(rt.current);
    const first = await later.signIn(email, PASSWORD);
    expect(first.body.twoFactorRedirect).toBe(true);
    expect((await later.json('/api/v1/me')).body.user).toBeNull();
    const wrong = await later.post('/api/auth/two-factor/verify-totp', {
      code: '000000' === totp(secret) ? '111111' : '000000',
    });
    expect(wrong.status).toBe(401);
    expect((await later.post('/api/auth/two-factor/verify-totp', { code: totp(secret) })).status).toBe(200);
    expect((await later.json('/api/v1/me')).body.user.email).toBe(email);
  });
});

describe('auth configuration', () => {
  it('offers no OAuth provider unless configured', async () => {
    expect((await new TestClient(rt.current).json('/api/v1/auth-config')).body).toMatchObject({
      providers: [],
      minPasswordLength: 10,
    });
  });
});
