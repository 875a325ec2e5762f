import { idParam, OkResponse } from '@switchboard/contract/common';
import {
  createReportInput,
  ReportListResponse,
  ReportResponse,
  ReportSendListResponse,
  ReportSendResponse,
  updateReportInput,
} from '@switchboard/contract/analytics-reports';
import type { z } from 'zod';
import { route, serviceContext } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { createRouter } from '../../platform/http/router';
import { createReport, deleteReport, getReport, listReportSends, listReports, updateReport } from './manage-reports';
import { sendReportNow } from './send-report';

const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});
const tags = ['Analytics'];
const read = { auth: 'workspace', permission: 'analytics.read' } as const;
// People only: a report mails the workspace's numbers to the addresses it lists.
const manage = { auth: 'workspace', permission: 'analytics.manage', sessionOnly: true } as const;
const BASE = '/api/v1/analytics/reports';

export function reportRoutes(): App {
  const app = createRouter();
  app.openapi(
    route(
      {
        method: 'get',
        path: BASE,
        tags,
        summary: 'Scheduled reports',
        responses: { 200: json(ReportListResponse, 'Reports, oldest first'), ...ErrorResponses },
      },
      read,
    ),
    async (c) => c.json({ reports: await listReports(serviceContext(c)) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: BASE,
        tags,
        summary: 'Schedule a report mailed daily, weekly or monthly',
        request: body(createReportInput),
        responses: { 201: json(ReportResponse, 'The report'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => c.json({ report: await createReport(serviceContext(c), c.req.valid('json')) }, 201),
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: `${BASE}/{id}`,
        tags,
        summary: 'A scheduled report',
        request: { params: idParam },
        responses: { 200: json(ReportResponse, 'The report'), ...ErrorResponses },
      },
      read,
    ),
    async (c) => c.json({ report: await getReport(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'patch',
        path: `${BASE}/{id}`,
        tags,
        summary: 'Change a report',
        request: { params: idParam, ...body(updateReportInput) },
        responses: { 200: json(ReportResponse, 'The report'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) =>
      c.json({ report: await updateReport(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'delete',
        path: `${BASE}/{id}`,
        tags,
        summary: 'Delete a report and its send log',
        request: { params: idParam },
        responses: { 200: json(OkResponse, 'Deleted'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => {
      await deleteReport(serviceContext(c), c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: `${BASE}/{id}/send`,
        tags,
        summary: 'Send the report now (the current period so far)',
        request: { params: idParam },
        responses: { 202: json(ReportSendResponse, 'The send, queued'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => c.json({ send: await sendReportNow(serviceContext(c), c.req.valid('param').id) }, 202),
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: `${BASE}/{id}/sends`,
        tags,
        summary: 'The report’s send log, newest first',
        request: { params: idParam },
        responses: { 200: json(ReportSendListResponse, 'The last 100 sends'), ...ErrorResponses },
      },
      read,
    ),
    async (c) => c.json({ sends: await listReportSends(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  return app;
}
