import type { AppDeps } from '../../platform/app-deps';
import { setAccessProvider } from '../../platform/http/access';
import { setSecuritySink } from '../../platform/security-events';
import type { ModuleDefinition } from '../module';
import { createAccessProvider } from './access-provider';
import { joinRouters } from '../../platform/http/router';
import { authRoutes } from './auth/auth-routes';
import { createBetterAuth, trustedOrigins } from './auth/better-auth';
import { setAuth } from './auth/instance';
import { accountRoutes } from './routes';
import { securitySink } from './security-log';

/** Starts authentication for this process, as the server and the CLI need it. */
export function startAccounts(deps: Pick<AppDeps, 'config' | 'secretKey' | 'redis' | 'log' | 'port'>): void {
  setAuth(createBetterAuth(deps));
  setAccessProvider(createAccessProvider(trustedOrigins(deps.config, deps.port)));
  setSecuritySink(securitySink(deps.log));
}

export const accountsModule: ModuleDefinition = {
  name: 'accounts',
  start: startAccounts,
  routes: (deps) => joinRouters(authRoutes(deps.redis), accountRoutes(deps)),
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
