import { createReport } from '../../src/modules/analytics';
import type { RouteCase, TenantFixture } from './route-cases';

const ownerCtx = (tenant: TenantFixture) => ({
  tenantId: tenant.id,
  actor: {
    type: 'user' as const,
    userId: tenant.users.owner.userId,
    email: tenant.users.owner.email,
    role: 'owner' as const,
  },
  requestId: 'security-cases',
});

let sequence = 0;
// Off, so no schedule mails it while the suite compares the other tenant's rows.
const reportOf = async (tenant: TenantFixture) => ({
  id: (
    await createReport(ownerCtx(tenant), {
      name: `Case ${sequence++}`,
      frequency: 'weekly',
      metrics: ['conversations'],
      recipients: ['case@example.test'],
      enabled: false,
    })
  ).id,
});

/** Scheduled analytics reports (modules/analytics/report-routes.ts). */
export const REPORT_ROUTE_CASES: Record<string, RouteCase> = {
  'POST /api/v1/analytics/reports': {
    body: () => ({ name: 'Case', frequency: 'daily', metrics: ['conversations'], recipients: ['case@example.test'] }),
  },
  'GET /api/v1/analytics/reports/{id}': { params: reportOf },
  'PATCH /api/v1/analytics/reports/{id}': { params: reportOf, body: () => ({ name: 'Renamed' }) },
  'DELETE /api/v1/analytics/reports/{id}': { params: reportOf },
  'POST /api/v1/analytics/reports/{id}/send': { params: reportOf },
  'GET /api/v1/analytics/reports/{id}/sends': { params: reportOf },
};
