import { describe, expect, it } from 'vitest';
import { PASSWORD, signedInUser, TestClient, totp } from '../../../test/support/client';
import { useTestRuntime } from '../../../test/support/runtime';

/**
 * Session tokens live in httpOnly cookies only: a body that carries one hands it to any script
 * on the page (or a logging proxy) that reads the response.
 */
const rt = useTestRuntime({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });

/** The raw response text, and the session token the response's cookie carries. */
async function call(client: TestClient, path: string, json?: unknown) {
  const response = await client.fetch(path, json === undefined ? {} : { method: 'POST', json });
  const text = await response.text();
  return { status: response.status, text, body: text ? JSON.parse(text) : null };
}

/** The token part of the signed cookie value (`<token>.<signature>`). */
const tokenOf = (client: TestClient) => decodeURIComponent(client.sessionToken() ?? '').split('.')[0]!;

function expectNoToken(text: string, token: string) {
  expect(token.length).toBeGreaterThan(10);
  expect(text).not.toContain(token);
  expect(text).not.toMatch(/"token"\s*:/);
}

describe('session tokens', () => {
  it('are not in the sign-in answer, and the cookie alone signs the person in', async () => {
    const { email } = await signedInUser(rt.current, 'bodyless');
    const browser = new TestClient(rt.current);
    const res = await call(browser, '/api/auth/sign-in/email', { email, password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user.email).toBe(email);
    expectNoToken(res.text, tokenOf(browser));
    expect((await browser.json('/api/v1/me')).body.user.email).toBe(email);
  });

  it('are not in the session, password-change or two-factor answers', async () => {
    const { client, email } = await signedInUser(rt.current, 'totp');
    const session = await call(client, '/api/auth/get-session');
    expect(session.body.user.email).toBe(email);
    expectNoToken(session.text, tokenOf(client));

    const changed = await call(client, '/api/auth/change-password', {
      currentPassword: PASSWORD,
      newPassword: `${PASSWORD}!`,
      revokeOtherSessions: true,
    });
    expect(changed.status).toBe(200);
    expectNoToken(changed.text, tokenOf(client));

    const enabled = await call(client, '/api/auth/two-factor/enable', { password: `${PASSWORD}!` });
    const secret = new URL(enabled.body.totpURI).searchParams.get('secret')!;
    expect((await call(client, '/api/auth/two-factor/verify-totp', { code: totp(secret) })).status).toBe(200);

    const later = new TestClient(rt.current);
    expect(
      (await call(later, '/api/auth/sign-in/email', { email, password: `${PASSWORD}!` })).body.twoFactorRedirect,
    ).toBe(true);
    const verified = await call(later, '/api/auth/two-factor/verify-totp', { code: totp(secret) });
    expect(verified.status).toBe(200);
    expect(verified.body.user.email).toBe(email);
    expectNoToken(verified.text, tokenOf(later));
    expect((await later.json('/api/v1/me')).body.user.email).toBe(email);

    const backup = new TestClient(rt.current);
    await call(backup, '/api/auth/sign-in/email', { email, password: `${PASSWORD}!` });
    const code = (enabled.body.backupCodes as string[])[0];
    const byCode = await call(backup, '/api/auth/two-factor/verify-backup-code', { code });
    expect(byCode.status).toBe(200);
    expectNoToken(byCode.text, tokenOf(backup));
    expect((await backup.json('/api/v1/me')).body.user.email).toBe(email);
  });
});
