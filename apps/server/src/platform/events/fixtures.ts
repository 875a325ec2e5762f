import type { IsolationFixture } from '../tenancy/isolation-fixture';

export const eventFixtures: IsolationFixture[] = [
  {
    table: 'events_outbox',
    insert: ({ tenantId }) => ({
      text: `INSERT INTO events_outbox (tenant_id, type) VALUES ($1, 'fixture.created')`,
      values: [tenantId],
    }),
  },
];
