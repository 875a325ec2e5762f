import { z } from '@hono/zod-openapi';
import { idParam, OkResponse } from '@switchboard/contract/common';
import {
  addLeadNoteInput,
  LeadDetailResponse,
  leadFilters,
  LeadNoteResponse,
  LeadPageResponse,
  LeadResponse,
  listLeadsInput,
  updateLeadInput,
} from '@switchboard/contract/leads';
import { stream } from 'hono/streaming';
import { route, serviceContext } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { createRouter } from '../../platform/http/router';
import { addLeadNote } from './add-lead-note';
import { deleteLead } from './delete-lead';
import { exportLeads } from './export-leads';
import { getLead } from './get-lead';
import { listLeads } from './list-leads';
import { updateLead } from './update-lead';

const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});
const read = { auth: 'workspace', permission: 'leads.read' } as const;
const write = { auth: 'workspace', permission: 'leads.write' } as const;
const tags = ['Leads'];

export function leadRoutes(): App {
  const app = createRouter();
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/leads',
        tags,
        summary:
          'Leads, newest first: filter by status, agent, source, conversation and creation dates; `q` searches name, email, phone and fields',
        request: { query: listLeadsInput },
        responses: { 200: json(LeadPageResponse, 'A page of leads'), ...ErrorResponses },
      },
      read,
    ),
    async (c) => c.json(await listLeads(serviceContext(c), c.req.valid('query')), 200),
  );
  // Before /leads/{id}, which would otherwise take "export" for an id.
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/leads/export',
        tags,
        summary: 'The leads matching the same filters as the list, as a CSV download',
        description:
          "UTF-8 with a byte-order mark, CRLF rows, one column per custom field. Cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR) are prefixed with `'`.",
        request: { query: leadFilters },
        responses: {
          200: { description: 'CSV (streamed)', content: { 'text/csv': { schema: z.string() } } },
          ...ErrorResponses,
        },
      },
      read,
    ),
    async (c) => {
      const { filename, chunks } = await exportLeads(serviceContext(c), c.req.valid('query'));
      c.header('content-type', 'text/csv; charset=utf-8');
      c.header('content-disposition', `attachment; filename="${filename}"`);
      c.header('cache-control', 'no-store');
      return stream(c, async (out) => {
        out.onAbort(() => void chunks.return(undefined));
        for await (const chunk of chunks) {
          if (out.aborted) break;
          await out.write(chunk);
        }
      });
    },
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/leads/{id}',
        tags,
        summary: 'A lead with its notes, conversation and agent',
        request: { params: idParam },
        responses: { 200: json(LeadDetailResponse, 'The lead'), ...ErrorResponses },
      },
      read,
    ),
    async (c) => c.json({ lead: await getLead(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'patch',
        path: '/api/v1/leads/{id}',
        tags,
        summary: 'Change a lead’s status or correct its name, email or phone (audited)',
        request: { params: idParam, ...body(updateLeadInput) },
        responses: { 200: json(LeadResponse, 'The lead as changed'), ...ErrorResponses },
      },
      write,
    ),
    async (c) =>
      c.json({ lead: await updateLead(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/leads/{id}/notes',
        tags,
        summary: 'Add a note to a lead (its author is the caller)',
        request: { params: idParam, ...body(addLeadNoteInput) },
        responses: { 201: json(LeadNoteResponse, 'The note'), ...ErrorResponses },
      },
      write,
    ),
    async (c) =>
      c.json({ note: await addLeadNote(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) }, 201),
  );
  app.openapi(
    route(
      {
        method: 'delete',
        path: '/api/v1/leads/{id}',
        tags,
        summary: 'Delete a lead and its notes (audited, without the contact details)',
        request: { params: idParam },
        responses: { 200: json(OkResponse, 'Deleted'), ...ErrorResponses },
      },
      write,
    ),
    async (c) => {
      await deleteLead(serviceContext(c), c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  );
  return app;
}
