import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mailText } from '../../../test/support/client';
import { eventually, inboxWorkspace, type InboxWorkspace } from '../../../test/support/inbox';
import { useTestRuntime } from '../../../test/support/runtime';
import { VisitorClient, widgetFor } from '../../../test/support/widget';
import { withPlatform } from '../../platform/tenancy';
import { signResumeLink } from '../widget';
import { mailVisitorReplies } from './visitor-mail';

/**
 * A member's reply to a visitor who left is mailed to them, once for a batch of replies, with a
 * link that resumes the conversation on the hosted page; expired, forged and other workspaces'
 * links open nothing. The mail job's delay is long here: the test runs the job's handler itself.
 */
const rt = useTestRuntime({ VISITOR_REPLY_MAIL_DELAY_SECONDS: '3600' });
let ws: InboxWorkspace;
let other: InboxWorkspace;
let key: string;
let otherKey: string;

beforeAll(async () => {
  ws = await inboxWorkspace(rt.current, 'resume', { ana: 'agent' });
  other = await inboxWorkspace(rt.current, 'elsewhere', {});
  ({ publicKey: key } = await widgetFor(ws, ws.agentId));
  ({ publicKey: otherKey } = await widgetFor(other, other.agentId));
});

const mailsTo = (email: string) => {
  const dir = path.join(rt.current.runtime.config.dataDir, 'mail');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((f) => mailText(fs.readFileSync(path.join(dir, f), 'utf8')))
    .filter((text) => new RegExp(`^To: .*${email.replace(/[.+]/g, '\\$&')}`, 'm').test(text));
};
const reply = (id: string, content: string) =>
  ws.members.ana!.client.post(`/api/v1/inbox/conversations/${id}/messages`, { content });

/** A widget visitor who asked for a person (nobody online), left their email in the contact form, and closed the page. */
async function departedVisitor(email: string): Promise<VisitorClient> {
  const v = new VisitorClient(rt.current, key);
  await v.session();
  expect((await v.send('Do you ship to Canada?')).status).toBe(200);
  expect((await v.post('/handoff', {})).status).toBe(200);
  await eventually(async () => (await v.post('/handoff', {})).body.askContact === true);
  expect((await v.post('/lead', { values: { email } })).status).toBe(201);
  return v;
}

describe('replies to a visitor who left', () => {
  it('mails a batch of replies once, with a link that resumes the same conversation', async () => {
    const v = await departedVisitor('gone@example.test');
    const id = v.conversationId!;
    expect((await reply(id, 'Yes, we ship to Canada.')).status).toBe(201);
    expect((await reply(id, 'Delivery takes about a week.')).status).toBe(201);
    expect(await mailVisitorReplies(ws.id, id)).toBe(true);
    expect(await mailVisitorReplies(ws.id, id)).toBe(false);
    const mails = await eventually(async () => mailsTo('gone@example.test').length > 0 && mailsTo('gone@example.test'));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatch(/Subject: New reply from resume workspace/);
    expect(mails[0]).toContain('Yes, we ship to Canada.');
    expect(mails[0]).toContain('Delivery takes about a week.');
    const link = /https?:\/\/\S+\/chat\/resume\/(sbr1\.[A-Za-z0-9_.-]+)/.exec(mails[0]!)!;
    expect(link).not.toBeNull();
    const token = link[1]!;

    const page = await rt.current.fetch(`/chat/resume/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await page.text()).toContain(`data-resume="${token}"`);

    // Another browser (nothing saved) with the link: the same conversation, its history, and it goes on.
    const back = new VisitorClient(rt.current, key);
    const session = await back.session({ resume: token });
    expect(session.status).toBe(200);
    expect(session.body.conversation).toEqual({ id, status: 'human' });
    const history = await back.call(back.conversationPath('/messages'));
    expect(history.body.messages.map((m: { content: string }) => m.content)).toEqual(
      expect.arrayContaining(['Do you ship to Canada?', 'Yes, we ship to Canada.', 'Delivery takes about a week.']),
    );
    expect((await back.send('Great, thanks!')).status).toBe(200);
    const seen = (await ws.api.json(`/api/v1/conversations/${id}`)).body.messages as Array<{
      role: string;
      content: string;
    }>;
    expect(seen.at(-1)).toMatchObject({ role: 'user', content: 'Great, thanks!' });

    // A later reply is a new mail; nothing said before it is mailed again.
    expect((await reply(id, 'You are welcome!')).status).toBe(201);
    expect(await mailVisitorReplies(ws.id, id)).toBe(true);
    const next = await eventually(
      async () => mailsTo('gone@example.test').length === 2 && mailsTo('gone@example.test'),
    );
    const latest = next.find((m) => m.includes('You are welcome!'))!;
    expect(latest).not.toContain('Delivery takes about a week.');
  });

  it('a visitor still in the chat sees the reply there: no mail, now or later', async () => {
    const v = await departedVisitor('here@example.test');
    const stream = await v.events();
    await stream.waitFor((f) => f.some((x) => x.event === 'status'));
    await eventually(
      async () =>
        (
          await withPlatform((tx) =>
            tx.query('SELECT visitor_connected FROM conversations WHERE id = $1', [v.conversationId]),
          )
        ).rows[0]?.visitor_connected === true,
    );
    expect((await reply(v.conversationId!, 'Hello, I am here.')).status).toBe(201);
    await stream.waitFor((f) => f.some((x) => x.event === 'message' && x.data.content === 'Hello, I am here.'));
    expect(await mailVisitorReplies(ws.id, v.conversationId!)).toBe(false);
    await stream.close();
    await eventually(
      async () =>
        (
          await withPlatform((tx) =>
            tx.query('SELECT visitor_connected FROM conversations WHERE id = $1', [v.conversationId]),
          )
        ).rows[0]?.visitor_connected === false,
    );
    expect(await mailVisitorReplies(ws.id, v.conversationId!)).toBe(false);
    expect(mailsTo('here@example.test')).toHaveLength(0);
  });

  it('refuses expired and forged links, and a link for one workspace’s conversation opens nothing in another', async () => {
    const v = await departedVisitor('links@example.test');
    const claims = { t: ws.id, a: ws.agentId, v: v.visitor!.id, c: v.conversationId!, u: false };
    const valid = signResumeLink(claims).token;

    const expired = signResumeLink(claims, Date.now() - 8 * 24 * 3600_000).token;
    const expiredPage = await rt.current.fetch(`/chat/resume/${expired}`);
    expect(expiredPage.status).toBe(410);
    expect(await expiredPage.text()).toContain('This link has expired');
    expect((await new VisitorClient(rt.current, key).session({ resume: expired })).body.error.code).toBe(
      'resume_link_expired',
    );

    const [version, body, mac] = valid.split('.') as [string, string, string];
    const tampered = JSON.parse(Buffer.from(body, 'base64url').toString());
    const forgedBody = Buffer.from(JSON.stringify({ ...tampered, exp: tampered.exp + 365 * 24 * 3600 })).toString(
      'base64url',
    );
    const forgeries = [
      `${version}.${forgedBody}.${mac}`,
      `${version}.${body}.${mac.slice(0, -2)}AA`,
      `${version}.${body}`,
      'sbr1.garbage.x',
    ];
    for (const forged of forgeries) {
      const res = await rt.current.fetch(`/chat/resume/${forged}`);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('This link is not valid');
      const session = await new VisitorClient(rt.current, key).session({ resume: forged });
      expect(session.status).toBe(401);
      expect(session.body.error.code).toBe('resume_link_invalid');
    }

    // A genuine link, presented to the other workspace's widget: refused, nothing of either shown.
    const elsewhere = await new VisitorClient(rt.current, otherKey).session({ resume: valid });
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.body.error.code).toBe('resume_link_invalid');
    expect(JSON.stringify(elsewhere.body)).not.toContain(v.conversationId!);
    // A link signed for the other workspace naming this one's conversation opens nothing either.
    const crossed = signResumeLink({ ...claims, t: other.id, a: other.agentId }).token;
    expect((await rt.current.fetch(`/chat/resume/${crossed}`)).status).toBe(403);
    expect((await new VisitorClient(rt.current, otherKey).session({ resume: crossed })).status).toBe(401);
    // Someone else's visitor id in an otherwise genuine link: not that visitor's conversation.
    const wrongVisitor = signResumeLink({ ...claims, v: 'vis_01jqzzzzzzzzzzzzzzzzzzzzzz' }).token;
    expect((await new VisitorClient(rt.current, key).session({ resume: wrongVisitor })).status).toBe(401);
  });
});
