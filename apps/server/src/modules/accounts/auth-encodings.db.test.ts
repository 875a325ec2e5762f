import { describe, expect, it } from 'vitest';
import { PASSWORD, signedInUser, TestClient, uniqueEmail } from '../../../test/support/client';
import { useTestRuntime } from '../../../test/support/runtime';
import { withPlatform } from '../../platform/tenancy';

/**
 * The account lockout seen from an attacker who sends the credentials in every encoding the
 * auth library understands, not only the JSON the dashboard sends.
 */
const rt = useTestRuntime({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });

type Encoding = {
  name: string;
  encode: (fields: Record<string, string>) => { body: RequestInit['body']; contentType?: string };
};

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const multipart = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
};

/** Encodings that are not plain JSON: none of them may reach a password check. */
const OTHER_ENCODINGS: Encoding[] = [
  { name: 'form-urlencoded', encode: (f) => ({ body: form(f), contentType: 'application/x-www-form-urlencoded' }) },
  {
    name: 'form-urlencoded with charset',
    encode: (f) => ({ body: form(f), contentType: 'application/x-www-form-urlencoded;charset=UTF-8' }),
  },
  {
    name: 'form-urlencoded in capitals',
    encode: (f) => ({ body: form(f), contentType: 'APPLICATION/X-WWW-FORM-URLENCODED' }),
  },
  // fetch sets the multipart boundary itself.
  { name: 'multipart', encode: (f) => ({ body: multipart(f) }) },
  { name: 'text/plain holding JSON', encode: (f) => ({ body: JSON.stringify(f), contentType: 'text/plain' }) },
  { name: 'vendor +json', encode: (f) => ({ body: JSON.stringify(f), contentType: 'application/vnd.api+json' }) },
  { name: 'no content type', encode: (f) => ({ body: new Blob([JSON.stringify(f)]) }) },
];

/** JSON as browsers and libraries send it: every one of these is a counted attempt. */
const JSON_ENCODINGS: Encoding[] = [
  { name: 'json', encode: (f) => ({ body: JSON.stringify(f), contentType: 'application/json' }) },
  {
    name: 'json with charset',
    encode: (f) => ({ body: JSON.stringify(f), contentType: 'application/json; charset=utf-8' }),
  },
  { name: 'json in capitals', encode: (f) => ({ body: JSON.stringify(f), contentType: 'Application/JSON' }) },
];

async function signInAs(encoding: Encoding, email: string, password: string) {
  const client = new TestClient(rt.current);
  const { body, contentType } = encoding.encode({ email, password });
  const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
  const res = await client.json('/api/auth/sign-in/email', { method: 'POST', headers, body });
  return { ...res, signedIn: Boolean(client.sessionToken()), me: (await client.json('/api/v1/me')).body.user };
}

async function lock(email: string) {
  const attacker = new TestClient(rt.current);
  for (let i = 0; i < 5; i++) expect((await attacker.signIn(email, `wrong password ${i}`)).status).toBe(401);
  expect((await attacker.signIn(email, PASSWORD)).body.error.code).toBe('account_locked');
}

async function failedSignIns(email: string): Promise<number> {
  return withPlatform(
    async (tx) =>
      (
        await tx.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM security_log WHERE email = $1 AND kind = 'login_failed'`,
          [email],
        )
      ).rows[0]!.n,
  );
}

describe('a locked account', () => {
  for (const encoding of [...OTHER_ENCODINGS, ...JSON_ENCODINGS]) {
    it(`refuses the right password sent as ${encoding.name}`, async () => {
      const { email } = await signedInUser(rt.current, 'locked');
      await lock(email);
      const res = await signInAs(encoding, email, PASSWORD);
      expect(res.signedIn).toBe(false);
      expect(res.me).toBeNull();
      expect([415, 429]).toContain(res.status);
      expect(res.body.error.requestId).toBeTruthy();
    });
  }
});

describe('other encodings', () => {
  for (const encoding of OTHER_ENCODINGS) {
    it(`answers ${encoding.name} with 415 before any password check`, async () => {
      const { email } = await signedInUser(rt.current, 'encoded');
      // Unlimited guesses would be unlimited password checks: each must be refused unread.
      for (let i = 0; i < 6; i++) {
        const guess = await signInAs(encoding, email, `wrong password ${i}`);
        expect(guess.status).toBe(415);
        expect(guess.body.error).toMatchObject({
          code: 'unsupported_media_type',
          message: expect.stringContaining('application/json'),
        });
      }
      const right = await signInAs(encoding, email, PASSWORD);
      expect(right.status).toBe(415);
      expect(right.signedIn).toBe(false);
      // None of it was a password check, so the account is neither locked nor counted against.
      expect((await new TestClient(rt.current).signIn(email, PASSWORD)).status).toBe(200);
    });
  }

  it('keeps sign-up to JSON too, so no page elsewhere can post a form to it', async () => {
    const email = uniqueEmail('formsignup');
    const res = await new TestClient(rt.current).json('/api/auth/sign-up/email', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ name: 'Form', email, password: PASSWORD }),
    });
    expect(res.status).toBe(415);
    expect(
      await withPlatform(async (tx) => (await tx.query(`SELECT 1 FROM users WHERE email = $1`, [email])).rowCount),
    ).toBe(0);
  });
});

describe('JSON, however it is labelled', () => {
  it('counts every failure into one lockout and logs it', async () => {
    const { email } = await signedInUser(rt.current, 'mixed');
    const attempts = [...JSON_ENCODINGS, ...JSON_ENCODINGS].slice(0, 5);
    for (const [i, encoding] of attempts.entries())
      expect((await signInAs(encoding, email, `wrong password ${i}`)).status).toBe(401);
    for (const encoding of JSON_ENCODINGS) {
      const res = await signInAs(encoding, email, PASSWORD);
      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe('account_locked');
      expect(res.signedIn).toBe(false);
    }
    await expect.poll(() => failedSignIns(email), { timeout: 5000 }).toBeGreaterThanOrEqual(1);
  });

  it('checks no more than five passwords when the guesses arrive side by side', async () => {
    const { email } = await signedInUser(rt.current, 'parallel');
    const guesses = await Promise.all(
      Array.from({ length: 15 }, (_, i) => new TestClient(rt.current).signIn(email, `wrong password ${i}`)),
    );
    const statuses = guesses.map((g) => g.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    expect((await new TestClient(rt.current).signIn(email, PASSWORD)).body.error.code).toBe('account_locked');
  });

  it('locks the account whatever the case of the address', async () => {
    const { email } = await signedInUser(rt.current, 'casing');
    await lock(email.toUpperCase());
    expect((await new TestClient(rt.current).signIn(email, PASSWORD)).status).toBe(429);
  });

  it('answers a sign-in without a readable address with 400, never a password check', async () => {
    const client = new TestClient(rt.current);
    for (const body of ['[1]', '{"email":["a@b.test"],"password":"x"}', '{"password":"x"}', '{"email":', '"text"']) {
      const res = await client.json('/api/auth/sign-in/email', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(res.status, body).toBe(400);
      expect(res.body.error.requestId, body).toBeTruthy();
    }
  });
});
