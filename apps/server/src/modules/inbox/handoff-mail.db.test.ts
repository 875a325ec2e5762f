import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withPlatform } from '../../platform/tenancy';
import { mailText } from '../../../test/support/client';
import { eventually, inboxWorkspace, type InboxWorkspace } from '../../../test/support/inbox';
import { useTestRuntime } from '../../../test/support/runtime';
import { VisitorClient, widgetFor } from '../../../test/support/widget';

/**
 * A burst of hand-offs from the widget (a script opening conversation after conversation and
 * asking for a person in each) reaches an offline member as one mail at once and one digest
 * per window after it, listing every waiting conversation once, not one mail per conversation.
 */
const WINDOW = 5;
const rt = useTestRuntime({
  HANDOFF_MAIL_DIGEST_SECONDS: String(WINDOW),
  WIDGET_RATE_LIMIT_PER_MINUTE: '1000',
  WIDGET_IP_RATE_LIMIT_PER_MINUTE: '10000',
  WIDGET_IP_CONVERSATION_LIMIT_PER_HOUR: '1000',
});
let ws: InboxWorkspace;
let key: string;

beforeAll(async () => {
  ws = await inboxWorkspace(rt.current, 'digest', { ana: 'agent' });
  ({ publicKey: key } = await widgetFor(ws, ws.agentId));
});

const mailsTo = (email: string) => {
  const dir = path.join(rt.current.runtime.config.dataDir, 'mail');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((f) => mailText(fs.readFileSync(path.join(dir, f), 'utf8')))
    .filter((text) => new RegExp(`^To: .*${email.replace(/[.+]/g, '\\$&')}`, 'm').test(text));
};

const unrouted = async (ids: string[]) =>
  Number(
    (
      await withPlatform((tx) =>
        tx.query('SELECT count(*) FROM conversations WHERE id = ANY($1) AND routed_at IS DISTINCT FROM handoff_at', [
          ids,
        ]),
      )
    ).rows[0]!.count,
  );

describe('hand-off mail', () => {
  it('batches a burst of hand-offs into one mail at once and digests after it, each conversation listed once', async () => {
    const ana = ws.members.ana!;
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const v = new VisitorClient(rt.current, key);
      await v.session();
      expect((await v.post('/handoff', { reason: `Burst ${i}` })).status).toBe(200);
      ids.push(v.conversationId!);
    }
    await eventually(async () => (await unrouted(ids)) === 0, 4 * WINDOW * 1000);
    // Mails are queued in the transaction that routes them; give the mail jobs time to write.
    const mails = await eventually(async () => {
      const all = mailsTo(ana.email);
      return ids.every((id) => all.some((m) => m.includes(`/inbox/${id}`))) && all;
    });
    // A burst this short spans at most three windows: the first mail, then a digest per window.
    expect(mails.length).toBeLessThanOrEqual(3);
    for (const id of ids) expect(mails.filter((m) => m.includes(`/inbox/${id}`))).toHaveLength(1);
    const digest = mails.find((m) => /Subject: \d+ visitors are waiting for a person in digest workspace/.test(m));
    expect(digest).toBeDefined();
    expect(digest).toMatch(/Why: (The visitor asked for a person\.|Burst \d)/);
    expect(digest).toContain(`/w/${ws.id}/inbox`);
  });
});
