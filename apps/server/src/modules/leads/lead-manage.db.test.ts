import { beforeAll, describe, expect, it } from 'vitest';
import { leadWorkspace, type LeadWorkspace } from '../../../test/support/leads';
import { useTestRuntime } from '../../../test/support/runtime';
import { TestClient } from '../../../test/support/client';
import { withPlatform } from '../../platform/tenancy';
import { captureLead } from '.';

/**
 * The team's side of leads through the API: filters, search, newest-first cursor pages,
 * the detail with notes, status changes and corrections (audited), deletion.
 */
const rt = useTestRuntime({ RATE_LIMIT_PER_MINUTE: '100000' });
let w: LeadWorkspace;
let otherAgent: string;
const ids: Record<string, string> = {};

type Lead = Record<string, any>;

async function list(query = ''): Promise<{ leads: Lead[]; nextCursor: string | null; total: number }> {
  const { status, body } = await w.ws.api.json(`/api/v1/leads${query ? `?${query}` : ''}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return body;
}
const namesOf = async (query: string) => (await list(query)).leads.map((l) => l.name).sort();
const setCreated = (id: string, at: string) =>
  withPlatform((tx) =>
    tx.query('UPDATE leads SET created_at = $2 WHERE tenant_id = $1 AND id = $3', [w.ws.id, at, id]),
  );

beforeAll(async () => {
  w = await leadWorkspace(rt.current, 'manage');
  otherAgent = (await w.ws.api.post('/api/v1/agents', { name: 'Second agent' })).body.agent.id;
  const people: Array<{
    key: string;
    name: string;
    email: string;
    phone: string | null;
    fields: Record<string, string>;
    agent: string;
    source: string;
    at: string;
  }> = [
    {
      key: 'ada',
      name: 'Ada Lovelace',
      email: 'ada@engines.test',
      phone: '+44 20 7946 0958',
      fields: { company: 'Analytical Engines' },
      agent: w.agentId,
      source: 'form',
      at: '2024-01-10T09:00:00Z',
    },
    {
      key: 'grace',
      name: 'Grace Hopper',
      email: 'grace@navy.test',
      phone: '(555) 123-4567',
      fields: { note: 'Wants COBOL training' },
      agent: w.agentId,
      source: 'agent',
      at: '2024-02-15T09:00:00Z',
    },
    {
      key: 'alan',
      name: 'Alan Turing',
      email: 'alan@bletchley.test',
      phone: null,
      fields: {},
      agent: otherAgent,
      source: 'agent',
      at: '2024-03-20T09:00:00Z',
    },
    {
      key: 'katherine',
      name: 'Katherine Johnson',
      email: 'kj@nasa.test',
      phone: '555 987 6543',
      fields: { topic: '100% orbital_mechanics' },
      agent: otherAgent,
      source: 'form',
      at: '2024-04-25T09:00:00Z',
    },
  ];
  for (const p of people) {
    const lead = await captureLead(
      w.visitor,
      { name: p.name, email: p.email, phone: p.phone, fields: p.fields },
      { conversationId: null, agentId: p.agent, source: p.source },
    );
    ids[p.key] = lead.id;
    await setCreated(lead.id, p.at);
  }
});

describe('the list', () => {
  it('lists newest first with the total', async () => {
    const page = await list();
    expect(page.leads.map((l) => l.name)).toEqual(['Katherine Johnson', 'Alan Turing', 'Grace Hopper', 'Ada Lovelace']);
    expect(page).toMatchObject({ total: 4, nextCursor: null });
    expect(page.leads[0]).not.toHaveProperty('tenantId');
  });

  it('filters by status, agent, source and creation dates, together', async () => {
    expect(await namesOf(`agentId=${otherAgent}`)).toEqual(['Alan Turing', 'Katherine Johnson']);
    expect(await namesOf('source=form')).toEqual(['Ada Lovelace', 'Katherine Johnson']);
    expect(await namesOf('from=2024-02-01T00:00:00Z&to=2024-03-31T23:59:59Z')).toEqual(['Alan Turing', 'Grace Hopper']);
    expect(await namesOf(`source=agent&agentId=${w.agentId}`)).toEqual(['Grace Hopper']);
    expect(await namesOf('status=qualified')).toEqual([]);
  });

  it('searches names, emails, phones (whatever the punctuation) and custom fields', async () => {
    expect(await namesOf('q=lovelace')).toEqual(['Ada Lovelace']);
    expect(await namesOf('q=NAVY.test')).toEqual(['Grace Hopper']);
    expect(await namesOf('q=5551234')).toEqual(['Grace Hopper']);
    expect(await namesOf('q=' + encodeURIComponent('987-6543'))).toEqual(['Katherine Johnson']);
    expect(await namesOf('q=analytical')).toEqual(['Ada Lovelace']);
    expect(await namesOf('q=cobol')).toEqual(['Grace Hopper']);
    expect(await namesOf('q=' + encodeURIComponent('grace cobol'))).toEqual(['Grace Hopper']);
    expect(await namesOf('q=' + encodeURIComponent('grace analytical'))).toEqual([]);
    // LIKE wildcards are searched for as characters.
    expect(await namesOf('q=' + encodeURIComponent('100%'))).toEqual(['Katherine Johnson']);
    expect(await namesOf('q=' + encodeURIComponent('%'))).toEqual(['Katherine Johnson']);
    expect(await namesOf('q=_')).toEqual(['Katherine Johnson']);
    expect((await list('q=nobody')).total).toBe(0);
  });

  it('pages through leads created in the same microsecond without losing or repeating one', async () => {
    const extra: string[] = [];
    for (let i = 0; i < 7; i++)
      extra.push(
        (
          await captureLead(
            w.visitor,
            { name: `Twin ${i}`, email: `twin${i}@example.test` },
            { conversationId: null, agentId: null, source: 'import' },
          )
        ).id,
      );
    for (const id of extra) await setCreated(id, '2024-05-01T12:00:00.123456Z');
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(`source=import&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.total).toBe(7);
      seen.push(...page.leads.map((l) => l.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...extra].sort().reverse());
  });

  it('answers 400 to a forged cursor, dates out of order and an unknown status', async () => {
    for (const query of [
      'cursor=2024-01-01|lead_x%27%3B',
      'from=2024-05-01&to=2024-01-01',
      'status=won',
      'limit=1000',
    ]) {
      const { status, body } = await w.ws.api.json(`/api/v1/leads?${query}`);
      expect(status, query).toBe(400);
      expect(body.error.code).toMatch(/^(invalid_cursor|validation_failed)$/);
    }
  });

  it('shows an API key limited to one agent only that agent’s leads', async () => {
    const created = await w.ws.owner.post('/api/v1/api-keys', {
      name: 'second agent only',
      scopes: ['read'],
      agentIds: [otherAgent],
    });
    const limited = new TestClient(rt.current, created.body.secret);
    const { body } = await limited.json('/api/v1/leads');
    expect(body.leads.map((l: Lead) => l.name).sort()).toEqual(['Alan Turing', 'Katherine Johnson']);
    expect((await limited.json(`/api/v1/leads/${ids.ada}`)).status).toBe(404);
    const csv = await (await limited.fetch('/api/v1/leads/export')).text();
    expect(csv).toContain('alan@bletchley.test');
    expect(csv).not.toContain('ada@engines.test');
  });
});

describe('one lead', () => {
  it('shows the detail with its conversation, agent and notes, newest first, each by its author', async () => {
    const conversationId = await w.conversation();
    const lead = await captureLead(
      w.visitor,
      { name: 'Hedy Lamarr', email: 'hedy@example.test' },
      { conversationId, agentId: w.agentId, source: 'agent' },
    );
    const first = await w.ws.owner.post(`/api/v1/leads/${lead.id}/notes`, { text: 'Called, no answer.' });
    expect(first.status).toBe(201);
    const second = await w.ws.api.post(`/api/v1/leads/${lead.id}/notes`, { text: '  Sent the brochure.  ' });
    const { status, body } = await w.ws.owner.json(`/api/v1/leads/${lead.id}`);
    expect(status).toBe(200);
    expect(body.lead).toMatchObject({ id: lead.id, conversationId, agentId: w.agentId, name: 'Hedy Lamarr' });
    expect(body.lead.notes.map((n: Lead) => [n.text, n.author.type])).toEqual([
      ['Sent the brochure.', 'apiKey'],
      ['Called, no answer.', 'user'],
    ]);
    expect(body.lead.notes[1].author).toMatchObject({
      id: w.ws.ownerId,
      label: expect.stringContaining('@example.test'),
    });
    expect(second.body.note.id).toBe(body.lead.notes[0].id);
  });

  it('takes the note’s author from the caller, never from the body', async () => {
    const forged = await w.ws.owner.post(`/api/v1/leads/${ids.ada}/notes`, {
      text: 'Hi',
      authorId: 'usr_someone_else',
    });
    expect(forged.status).toBe(400);
    const empty = await w.ws.owner.post(`/api/v1/leads/${ids.ada}/notes`, { text: '   ' });
    expect(empty.status).toBe(400);
  });

  it('changes the status with an audit row and a lead.updated event', async () => {
    const patch = await w.ws.owner.json(`/api/v1/leads/${ids.grace}`, {
      method: 'PATCH',
      json: { status: 'qualified' },
    });
    expect(patch.status).toBe(200);
    expect(patch.body.lead).toMatchObject({ id: ids.grace, status: 'qualified' });
    expect(await namesOf('status=qualified')).toEqual(['Grace Hopper']);
    const audit = await w.ws.owner.json(`/api/v1/audit-log?targetId=${ids.grace}`);
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0]).toMatchObject({
      action: 'lead.updated',
      targetType: 'lead',
      before: { status: 'new' },
      after: { status: 'qualified' },
      actorId: w.ws.ownerId,
    });
    expect(await w.events('lead.updated')).toContainEqual({
      type: 'lead.updated',
      payload: {
        leadId: ids.grace,
        conversationId: null,
        agentId: w.agentId,
        changes: ['status'],
        status: 'qualified',
      },
    });
    // The same status again records nothing.
    await w.ws.owner.json(`/api/v1/leads/${ids.grace}`, { method: 'PATCH', json: { status: 'qualified' } });
    expect((await w.ws.owner.json(`/api/v1/audit-log?targetId=${ids.grace}`)).body.entries).toHaveLength(1);
  });

  it('corrects contact details, validated, and keeps at least one of them', async () => {
    const fixed = await w.ws.owner.json(`/api/v1/leads/${ids.alan}`, {
      method: 'PATCH',
      json: { email: ' Alan.Turing@Bletchley.test ', phone: '+44 1908 640404' },
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body.lead).toMatchObject({ email: 'alan.turing@bletchley.test', phone: '+44 1908 640404' });
    const bad = await w.ws.owner.json(`/api/v1/leads/${ids.alan}`, {
      method: 'PATCH',
      json: { email: 'not-an-email' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ path: 'email', message: 'Enter a valid email address' }]);
    const cleared = await w.ws.owner.json(`/api/v1/leads/${ids.alan}`, {
      method: 'PATCH',
      json: { name: null, email: '', phone: null },
    });
    expect(cleared.status).toBe(400);
    for (const json of [{}, { status: 'won' }, { conversationId: 'conv_x' }]) {
      expect((await w.ws.owner.json(`/api/v1/leads/${ids.alan}`, { method: 'PATCH', json })).status).toBe(400);
    }
    expect((await w.ws.owner.json(`/api/v1/leads/${ids.alan}`)).body.lead.name).toBe('Alan Turing');
  });

  it('deletes a lead and its notes, audited without the person’s contact details', async () => {
    const lead = await captureLead(
      w.visitor,
      { name: 'To Delete', email: 'forget-me@example.test' },
      { conversationId: null, agentId: null, source: 'form' },
    );
    await w.ws.owner.post(`/api/v1/leads/${lead.id}/notes`, { text: 'Asked to be forgotten' });
    const removed = await w.ws.owner.json(`/api/v1/leads/${lead.id}`, { method: 'DELETE' });
    expect(removed).toEqual({ status: 200, body: { ok: true } });
    expect((await w.ws.owner.json(`/api/v1/leads/${lead.id}`)).status).toBe(404);
    expect((await w.ws.owner.json(`/api/v1/leads/${lead.id}`, { method: 'DELETE' })).status).toBe(404);
    const { rows } = await withPlatform((tx) =>
      tx.query('SELECT count(*)::int AS n FROM lead_notes WHERE tenant_id = $1 AND lead_id = $2', [w.ws.id, lead.id]),
    );
    expect(rows[0]!.n).toBe(0);
    const audit = await w.ws.owner.json(`/api/v1/audit-log?targetId=${lead.id}`);
    expect(audit.body.entries[0]).toMatchObject({ action: 'lead.deleted', before: { status: 'new', source: 'form' } });
    expect(JSON.stringify(audit.body.entries)).not.toContain('forget-me');
    expect(await w.events('lead.deleted')).toContainEqual({
      type: 'lead.deleted',
      payload: { leadId: lead.id, conversationId: null, agentId: null },
    });
  });
});
