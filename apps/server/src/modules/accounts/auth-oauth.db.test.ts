import { describe, expect, it } from 'vitest';
import { TestClient } from '../../../test/support/client';
import { useTestRuntime } from '../../../test/support/runtime';

describe('OAuth providers', () => {
  const rt = useTestRuntime({
    GOOGLE_CLIENT_ID: 'google-client-id.apps.example',
    GOOGLE_CLIENT_SECRET: 'google-secret',
    GITHUB_CLIENT_ID: 'github-client-id',
    GITHUB_CLIENT_SECRET: 'github-secret',
  });

  it('offers the configured providers', async () => {
    expect((await new TestClient(rt.current).json('/api/v1/auth-config')).body.providers).toEqual(['google', 'github']);
  });

  it('sends people to the provider with our client id and callback, without calling it', async () => {
    const client = new TestClient(rt.current);
    for (const [provider, host] of [
      ['google', 'accounts.google.com'],
      ['github', 'github.com'],
    ] as const) {
      const { status, body } = await client.post('/api/auth/sign-in/social', { provider, callbackURL: '/' });
      expect(status).toBe(200);
      const url = new URL(body.url);
      expect(url.hostname).toBe(host);
      expect(url.searchParams.get('client_id')).toBe(
        provider === 'google' ? 'google-client-id.apps.example' : 'github-client-id',
      );
      expect(url.searchParams.get('redirect_uri')).toBe(
        `${rt.current.runtime.config.appUrl}/api/auth/callback/${provider}`,
      );
    }
  });
});
