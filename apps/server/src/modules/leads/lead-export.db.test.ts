import { beforeAll, describe, expect, it } from 'vitest';
import { csvRecords, parseCsv } from '../../../test/support/csv';
import { leadWorkspace, type LeadWorkspace } from '../../../test/support/leads';
import { useTestRuntime } from '../../../test/support/runtime';
import { withPlatform } from '../../platform/tenancy';
import { captureLead, submitLeadForm } from '.';

/**
 * The CSV export (same filters as the list, streamed page by page, safe to open in a
 * spreadsheet) and tenant isolation of every leads route: workspace B's people and keys
 * never list, read, change, annotate, delete or export A's leads, even with A's real ids.
 */
const rt = useTestRuntime({ RATE_LIMIT_PER_MINUTE: '100000' });
let a: LeadWorkspace;
let b: LeadWorkspace;
let hostile: string;
let conversationA: string;

async function exportCsv(w: LeadWorkspace, query = '') {
  const response = await w.ws.api.fetch(`/api/v1/leads/export${query ? `?${query}` : ''}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, text: bytes.toString('utf8') };
}

beforeAll(async () => {
  a = await leadWorkspace(rt.current, 'export-a');
  b = await leadWorkspace(rt.current, 'export-b');
  conversationA = await a.conversation();
  const form = {
    fields: [
      { key: 'name', label: 'Name', required: true },
      { key: 'email', label: 'Email', required: true },
      { key: 'phone', label: 'Phone' },
      { key: 'company', label: 'Company' },
      { key: 'message', label: 'Message', type: 'textarea' as const },
    ],
    consent: { text: 'You may contact me.', required: true },
  };
  const { lead } = await submitLeadForm(
    a.visitor,
    {
      form,
      submission: {
        values: {
          name: '=HYPERLINK("http://evil.test","Click me")',
          email: 'victim@example.test',
          phone: '+1 555 0100',
          company: 'Acme, Inc.',
          message: '@SUM(A1:A9)\nand "more"',
        },
        consent: true,
      },
    },
    { conversationId: conversationA, agentId: a.agentId },
  );
  hostile = lead.id;
  await a.ws.owner.post(`/api/v1/leads/${hostile}/notes`, { text: '-1+1 called back' });
  await captureLead(
    a.visitor,
    { name: 'Quiet Lead', email: 'quiet@example.test' },
    { conversationId: null, agentId: a.agentId, source: 'agent' },
  );
  await captureLead(
    b.visitor,
    { name: 'B Person', email: 'b-person@example.test' },
    { conversationId: await b.conversation(), agentId: b.agentId, source: 'agent' },
  );
});

describe('CSV export', () => {
  it('downloads every lead as a named CSV with formulas neutralised', async () => {
    const { status, headers, text, bytes } = await exportCsv(a);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(headers.get('content-disposition')).toMatch(/^attachment; filename="leads-\d{4}-\d\d-\d\d\.csv"$/);
    // The UTF-8 byte-order mark, so that Excel reads the accents right.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header] = parseCsv(text);
    expect(header).toEqual([
      'id',
      'created_at',
      'updated_at',
      'status',
      'name',
      'email',
      'phone',
      'source',
      'agent_id',
      'conversation_id',
      'consent',
      'consent_text',
      'consent_at',
      'company',
      'message',
      'notes',
    ]);
    const records = csvRecords(text);
    expect(records.map((r) => r.email)).toEqual(['quiet@example.test', 'victim@example.test']);
    expect(records[1]).toMatchObject({
      id: hostile,
      name: `'=HYPERLINK("http://evil.test","Click me")`,
      phone: "'+1 555 0100",
      company: 'Acme, Inc.',
      message: `'@SUM(A1:A9)\nand "more"`,
      consent: 'yes',
      consent_text: 'You may contact me.',
      conversation_id: conversationA,
      status: 'new',
    });
    expect(records[1]!.notes).toMatch(/^\d{4}-.+@example\.test: -1\+1 called back$/);
    // No cell of any row starts with a formula character.
    for (const row of parseCsv(text)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('honours the list’s filters', async () => {
    expect(csvRecords((await exportCsv(a, 'q=quiet')).text).map((r) => r.name)).toEqual(['Quiet Lead']);
    expect(csvRecords((await exportCsv(a, 'source=form')).text).map((r) => r.id)).toEqual([hostile]);
    expect(csvRecords((await exportCsv(a, 'status=lost')).text)).toEqual([]);
    expect((await exportCsv(a, 'status=lost')).text).toContain('id,created_at');
    expect((await exportCsv(a, 'from=yesterday-ish')).status).toBe(400);
  });

  it('streams exports larger than one page, in order', async () => {
    await withPlatform((tx) =>
      tx.query(
        `INSERT INTO leads (tenant_id, id, name, email, source, created_at)
         SELECT $1, 'lead_' || lpad(to_char(n, 'FM0000000000'), 26, '0'), 'Bulk ' || n, 'bulk' || n || '@example.test', 'import', timestamptz '2023-01-01' + n * interval '1 second'
           FROM generate_series(1, 1234) AS n`,
        [a.ws.id],
      ),
    );
    const records = csvRecords((await exportCsv(a, 'source=import')).text);
    expect(records).toHaveLength(1234);
    expect(records[0]!.name).toBe('Bulk 1234');
    expect(records.at(-1)!.name).toBe('Bulk 1');
    expect(new Set(records.map((r) => r.id)).size).toBe(1234);
  });
});

describe('isolation', () => {
  it('lists and exports only the workspace’s own leads, whatever the filters name', async () => {
    const listed = await b.ws.api.json('/api/v1/leads?limit=100');
    expect(listed.body.leads.map((l: { name: string }) => l.name)).toEqual(['B Person']);
    expect((await b.ws.api.json(`/api/v1/leads?conversationId=${conversationA}`)).body).toMatchObject({
      leads: [],
      total: 0,
    });
    expect((await b.ws.api.json(`/api/v1/leads?agentId=${a.agentId}`)).body.total).toBe(0);
    const csv = (await exportCsv(b)).text;
    expect(csvRecords(csv).map((r) => r.email)).toEqual(['b-person@example.test']);
    expect(csv).not.toContain('victim@example.test');
    expect(csvRecords((await exportCsv(b, `agentId=${a.agentId}`)).text)).toEqual([]);
  });

  it('answers 404 to A’s lead id from B, for reading, changing, notes and deleting, and changes nothing', async () => {
    for (const client of [b.ws.api, b.ws.owner]) {
      expect((await client.json(`/api/v1/leads/${hostile}`)).status).toBe(404);
      expect(
        (await client.json(`/api/v1/leads/${hostile}`, { method: 'PATCH', json: { status: 'lost' } })).status,
      ).toBe(404);
      expect((await client.post(`/api/v1/leads/${hostile}/notes`, { text: 'mine now' })).status).toBe(404);
      expect((await client.json(`/api/v1/leads/${hostile}`, { method: 'DELETE' })).status).toBe(404);
    }
    const { body } = await a.ws.api.json(`/api/v1/leads/${hostile}`);
    expect(body.lead.status).toBe('new');
    expect(body.lead.notes.map((n: { text: string }) => n.text)).toEqual(['-1+1 called back']);
  });

  it('does not let B’s people name workspace A', async () => {
    const asA = await b.ws.owner.json('/api/v1/leads', { headers: { 'x-workspace-id': a.ws.id } });
    expect(asA.status).toBe(404);
    const exportAsA = await b.ws.owner.fetch('/api/v1/leads/export', { headers: { 'x-workspace-id': a.ws.id } });
    expect(exportAsA.status).toBe(404);
    expect(await exportAsA.text()).not.toContain('victim');
  });
});
