import type { AppDeps } from '../../app';
import { setAccessProvider } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { setSecuritySink } from '../../platform/security-events';
import type { ModuleDefinition } from '../module';
import { createAccessProvider } from './access-provider';
import { mountAuthRoutes } from './auth/auth-routes';
import { createBetterAuth, trustedOrigins } from './auth/better-auth';
import { setAuth } from './auth/instance';
import { mountAccountRoutes } from './routes';
import { securitySink } from './security-log';

/** Starts authentication for this process, as the server and the CLI need it. */
export function startAccounts(deps: Pick<AppDeps, 'config' | 'secretKey' | 'redis' | 'log' | 'port'>): void {
  setAuth(createBetterAuth(deps));
  setAccessProvider(createAccessProvider(trustedOrigins(deps.config, deps.port)));
  setSecuritySink(securitySink(deps.log));
}

export const accountsModule: ModuleDefinition = {
  name: 'accounts',
  mount(app: App, deps: AppDeps) {
    startAccounts(deps);
    mountAuthRoutes(app, deps.redis);
    mountAccountRoutes(app, deps);
  },
  isolationFixtures: [
    {
      table: 'api_keys',
      insert: ({ tenantId }) => ({
        text: `INSERT INTO api_keys (tenant_id, id, name, secret_hash, display_prefix, scopes)
               VALUES ($1, 'key_' || substr(md5(random()::text), 1, 26), 'fixture', md5(random()::text), 'sb_live_fixtur', '{read}')`,
        values: [tenantId],
      }),
    },
  ],
};
