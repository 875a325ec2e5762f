import type { ModuleDefinition } from '../module';

export const leadsModule: ModuleDefinition = {
  name: 'leads',
  isolationFixtures: [
    {
      table: 'leads',
      insert: ({ tenantId }) => ({
        text: `INSERT INTO leads (tenant_id, id, email) VALUES ($1, 'lead_' || substr(md5(random()::text), 1, 26), 'fixture@example.test')`,
        values: [tenantId],
      }),
    },
  ],
};
