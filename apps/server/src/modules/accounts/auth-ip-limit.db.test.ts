import { describe, expect, it } from 'vitest';
import { TestClient, uniqueEmail } from '../../../test/support/client';
import { useTestRuntime } from '../../../test/support/runtime';

describe('sign-in limit per address', () => {
  const rt = useTestRuntime({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });

  it('refuses the fourth attempt in a minute from one address, whatever the account', async () => {
    const client = new TestClient(rt.current);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await client.signIn(uniqueEmail(`ip${i}`), 'whatever password')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const refused = await client.signIn(uniqueEmail('ip'), 'whatever password');
    expect(refused.body.error.code).toBe('rate_limited');
    expect(refused.body.error.message).toMatch(/Too many attempts\. Try again in \d+ seconds/);
  });
});
