import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withPlatform } from '../../platform/tenancy';
import { mailText } from '../../../test/support/client';
import { eventually, inboxWorkspace, type InboxWorkspace } from '../../../test/support/inbox';
import { useTestRuntime } from '../../../test/support/runtime';
import { VisitorClient, widgetFor } from '../../../test/support/widget';
import { say } from '../../../test/support/workspace';

/**
 * The inbox names visitors from what they told (identify, their lead), the hand-off mail quotes
 * the message that asked for a person, and playground tests stay out of the inbox, the mail and
 * the usage totals.
 */
const rt = useTestRuntime({ HANDOFF_MAIL_DIGEST_SECONDS: '1' });
let ws: InboxWorkspace;

beforeAll(async () => {
  ws = await inboxWorkspace(rt.current, 'context', { ana: 'agent' });
});

const mailsTo = (email: string) => {
  const dir = path.join(rt.current.runtime.config.dataDir, 'mail');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((f) => mailText(fs.readFileSync(path.join(dir, f), 'utf8')))
    .filter((text) => new RegExp(`^To: .*${email.replace(/[.+]/g, '\\$&')}`, 'm').test(text));
};
const inboxIds = async () =>
  ((await ws.owner.json('/api/v1/inbox/conversations?status=all')).body.conversations as Array<{ id: string }>).map(
    (c) => c.id,
  );
const inboxItem = async (id: string) =>
  ((await ws.owner.json('/api/v1/inbox/conversations?status=all')).body.conversations as any[]).find(
    (c) => c.id === id,
  );

describe('visitor names in the inbox', () => {
  it('shows the name from the widget’s identify call, in the list and the detail', async () => {
    const id = await ws.conversation({
      identity: { userId: 'u-1', name: 'Grace Hopper', email: 'grace@example.test', verified: true },
    });
    await say(ws.api, id, 'Where is my order?');
    expect((await inboxItem(id)).visitor).toEqual({ name: 'Grace Hopper', email: 'grace@example.test' });
    const detail = await ws.owner.json(`/api/v1/inbox/conversations/${id}`);
    expect(detail.body.visitor).toMatchObject({ name: 'Grace Hopper', email: 'grace@example.test' });
  });

  it('shows the name the visitor left in the widget’s contact form', async () => {
    const { publicKey } = await widgetFor(ws, ws.agentId);
    const leadForm = {
      enabled: true,
      when: 'on_demand',
      fields: [
        { key: 'name', label: 'Name' },
        { key: 'email', label: 'Email', type: 'email', required: true },
      ],
    };
    expect((await ws.owner.json(`/api/v1/widgets/${ws.agentId}`, { method: 'PATCH', json: { leadForm } })).status).toBe(
      200,
    );
    const v = new VisitorClient(rt.current, publicKey);
    await v.session({ create: true });
    expect((await v.post('/lead', { values: { name: 'Ada Lovelace', email: 'ada@example.test' } })).status).toBe(201);
    expect((await inboxItem(v.conversationId!)).visitor).toEqual({ name: 'Ada Lovelace', email: 'ada@example.test' });
    const detail = await ws.owner.json(`/api/v1/inbox/conversations/${v.conversationId}`);
    expect(detail.body.visitor).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.test' });
  });
});

describe('the hand-off mail', () => {
  it('quotes the message that asked for a person, not the first one', async () => {
    const id = await ws.conversation();
    await say(ws.api, id, 'What are your opening hours?');
    const asked = await say(ws.api, id, 'Thanks. Can I talk to a person about my invoice?');
    expect(asked.body.conversationStatus).toBe('pending_human');
    const mail = await eventually(async () => mailsTo(ws.members.ana!.email).find((m) => m.includes(`/inbox/${id}`)));
    expect(mail).toContain('Thanks. Can I talk to a person about my invoice?');
    expect(mail).not.toContain('What are your opening hours?');
  });
});

describe('playground conversations', () => {
  it('are tests: not in the inbox, not mailed, not in the usage totals', async () => {
    const usage = async () =>
      (
        await withPlatform((tx) =>
          tx.query<{ n: number }>(
            'SELECT coalesce(sum(messages), 0)::int AS n FROM usage_monthly WHERE tenant_id = $1',
            [ws.id],
          ),
        )
      ).rows[0]!.n;
    const before = await usage();
    const started = await ws.owner.post('/api/v1/conversations', { agentId: ws.agentId, useDraft: true });
    expect(started.body.conversation.channel).toBe('playground');
    const id = started.body.conversation.id as string;
    expect((await say(ws.owner, id, 'What are your opening hours?')).body.content).toContain('9:00–17:00');
    expect(await usage()).toBe(before);
    expect((await say(ws.owner, id, 'Can I talk to a person?')).body.conversationStatus).toBe('pending_human');
    // Routed (as nobody): once the routing job has run, no mail names it and the inbox never lists it.
    await eventually(
      async () =>
        (
          await withPlatform((tx) =>
            tx.query('SELECT 1 FROM conversations WHERE id = $1 AND routed_at = handoff_at', [id]),
          )
        ).rows.length > 0,
    );
    expect(mailsTo(ws.members.ana!.email).some((m) => m.includes(`/inbox/${id}`))).toBe(false);
    expect(await inboxIds()).not.toContain(id);
  });
});
