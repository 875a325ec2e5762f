import type { ModuleDefinition } from '../module';
import { leadRoutes } from './routes';

const newLead = `INSERT INTO leads (tenant_id, id, email) VALUES ($1, 'lead_' || substr(md5(random()::text), 1, 26), 'fixture@example.test')`;

export const leadsModule: ModuleDefinition = {
  name: 'leads',
  routes: leadRoutes,
  isolationFixtures: [
    { table: 'leads', insert: ({ tenantId }) => ({ text: newLead, values: [tenantId] }) },
    {
      table: 'lead_notes',
      insert: ({ tenantId, userId }) => ({
        text: `WITH l AS (${newLead} RETURNING tenant_id, id)
               INSERT INTO lead_notes (tenant_id, id, lead_id, author_type, author_id, author_label, text)
               SELECT tenant_id, 'note_' || substr(md5(random()::text), 1, 26), id, 'user', $2, 'fixture@example.test', 'Fixture note' FROM l`,
        values: [tenantId, userId],
      }),
    },
  ],
};
