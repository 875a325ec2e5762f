import type { ModuleDefinition } from '../module';
import { modelChoice, setDefaultAgentModel } from '../agents';
import { platformModels } from './platform-models';
import { providerRoutes } from './routes';

export const providersModule: ModuleDefinition = {
  name: 'providers',
  start: () =>
    setDefaultAgentModel(() => {
      const choice = platformModels().defaultChoice;
      return choice ? modelChoice.parse({ ...choice, credentialId: null }) : null;
    }),
  routes: providerRoutes,
  isolationFixtures: [
    {
      table: 'provider_credentials',
      insert: ({ tenantId }) => ({
        text: `INSERT INTO provider_credentials (tenant_id, id, provider, label) VALUES ($1, 'prv_' || substr(md5(random()::text), 1, 26), 'openai', 'Fixture')`,
        values: [tenantId],
      }),
    },
  ],
};
