import { and, asc, eq, inArray, not, sql } from 'drizzle-orm';
import { z } from 'zod';
import { appUrl } from '../../platform/app-url';
import { defineJob, enqueue, sendJob } from '../../platform/jobs';
import { renderMail, sendMail } from '../../platform/mail';
import { systemContext, withTenant, type Tx } from '../../platform/tenancy';
import { findUsersByIds } from '../accounts';
import { conversations, type ConversationRow } from '../chat';
import { readHandoffSettings } from '../escalation';
import { describeTenant, memberships } from '../tenants';
import { autoAssign, inReplyRoles, markRouted, routed } from './assign';
import { isOnline } from './common';
import { notTest } from './list';
import { inboxAgents } from './schema';

/** Conversations one mail run takes; more wait for the next run. */
const BATCH = 200;
/** Conversations a mail lists by name; the rest are counted. */
const LISTED = 20;

let digestSeconds = 300;

/** HANDOFF_MAIL_DIGEST_SECONDS: the window in which a member gets at most one "waiting" mail after the first. */
export function configureHandoffMail(options: { digestSeconds: number }): void {
  digestSeconds = options.digestSeconds;
}

/** One workspace's "a visitor is waiting" mail, covering every hand-off routed to mail and not yet mailed. */
export const handoffMailJob = defineJob({
  name: 'inbox.handoff-mail',
  data: z.object({ tenantId: z.string().min(1) }),
  async handler({ tenantId }) {
    if ((await mailWaiting(tenantId)) === BATCH) await queueMail(tenantId);
  },
});

/** More waited than one run takes: the rest go in the next window's mail. */
const queueMail = (tenantId: string) =>
  sendJob(handoffMailJob, { tenantId }, { debounceSeconds: digestSeconds, singletonKey: tenantId });

/**
 * Asks for the workspace's waiting mail, in the caller's transaction: it runs at once when no
 * mail went in this window, else once when the next window starts, and then tells of every
 * conversation waiting by then. However many visitors hand off, each member gets one mail at
 * once and then at most one a window.
 */
export async function queueHandoffMail(tx: Tx, tenantId: string): Promise<void> {
  await enqueue(tx, handoffMailJob, { tenantId }, { debounceSeconds: digestSeconds, singletonKey: tenantId });
}

/** On-duty members who can reply and are not online in the inbox (they would see it there). */
async function offlineOnDuty(tx: Tx): Promise<string[]> {
  const rows = await tx.db
    .select({ userId: memberships.userId })
    .from(memberships)
    .leftJoin(inboxAgents, eq(inboxAgents.userId, memberships.userId))
    .where(and(inReplyRoles, sql`coalesce(${inboxAgents.onDuty}, true)`, sql`NOT coalesce(${isOnline}, false)`));
  return rows.map((r) => r.userId);
}

const link = (tenantId: string, id: string) => `${appUrl()}/w/${tenantId}/inbox/${id}`;

/**
 * What each visitor wrote when the conversation went to a person (their last message by then),
 * which the mail quotes: the title is their first message, often just "Hi".
 */
async function askingMessages(tx: Tx, rows: ConversationRow[]): Promise<Map<string, string>> {
  if (!rows.length) return new Map();
  const { rows: found } = await tx.db.execute(sql`
    SELECT DISTINCT ON (m.conversation_id) m.conversation_id, m.content
      FROM messages m JOIN conversations c ON c.tenant_id = m.tenant_id AND c.id = m.conversation_id
     WHERE m.conversation_id IN (${sql.join(
       rows.map((r) => sql`${r.id}`),
       sql`, `,
     )}) AND m.role = 'user' AND m.content <> ''
       AND m.created_at <= coalesce(c.handoff_at, now())
     ORDER BY m.conversation_id, m.created_at DESC, m.id DESC`);
  return new Map(
    (found as Array<{ conversation_id: string; content: string }>).map((r) => [
      r.conversation_id,
      r.content.slice(0, 300),
    ]),
  );
}

function waitingMail(
  to: string,
  workspace: string,
  tenantId: string,
  waiting: ConversationRow[],
  asked: Map<string, string>,
) {
  const quote = (c: ConversationRow) => asked.get(c.id) ?? c.title;
  const footer =
    'You get this mail while you are on duty and not online in the inbox; switch "on duty" off in the inbox to stop it.';
  const [only] = waiting;
  if (waiting.length === 1 && only) {
    return renderMail({
      to,
      subject: `A visitor is waiting for a person in ${workspace}`,
      greeting: 'Hello,',
      paragraphs: [
        `A conversation in ${workspace} is waiting for someone from the team.`,
        ...(quote(only) ? [`“${quote(only)}”`] : []),
        ...(only.handoffReason ? [`Why: ${only.handoffReason}`] : []),
      ],
      action: { label: 'Open the conversation', url: link(tenantId, only.id) },
      footer,
    });
  }
  const listed = waiting
    .slice(0, LISTED)
    .map((c) =>
      [
        quote(c) ? `“${quote(c)}”` : 'A conversation',
        c.handoffReason ? `Why: ${c.handoffReason}` : null,
        link(tenantId, c.id),
      ]
        .filter(Boolean)
        .join(' — '),
    );
  const more = waiting.length - listed.length;
  return renderMail({
    to,
    subject: `${waiting.length} visitors are waiting for a person in ${workspace}`,
    greeting: 'Hello,',
    paragraphs: [
      `${waiting.length} conversations in ${workspace} are waiting for someone from the team:`,
      ...listed,
      ...(more > 0 ? [`…and ${more} more in the inbox.`] : []),
    ],
    action: { label: 'Open the inbox', url: `${appUrl()}/w/${tenantId}/inbox` },
    footer,
  });
}

/** The conversations whose hand-off waits for its mail (locked, oldest first). */
async function lockUnmailed(tx: Tx, ids?: string[]): Promise<ConversationRow[]> {
  const where = and(
    eq(conversations.status, 'pending_human'),
    not(routed),
    notTest,
    ...(ids ? [inArray(conversations.id, ids)] : []),
  );
  return tx.db
    .select()
    .from(conversations)
    .where(where)
    .orderBy(asc(conversations.handoffAt))
    .limit(BATCH)
    .for('update');
}

/**
 * Mails the workspace's waiting hand-offs: each conversation that waits for a person and whose
 * hand-off is not routed yet is offered to an online member first (auto-assignment, as its own
 * routing would), and the rest go into one mail per on-duty member who is offline. Then they
 * count as routed. Returns how many conversations it took.
 */
export async function mailWaiting(tenantId: string): Promise<number> {
  const ctx = systemContext(tenantId, 'inbox.routing');
  const first = await withTenant(ctx, async (tx) => {
    const rows = await lockUnmailed(tx);
    const settings = await readHandoffSettings(tx);
    const left: string[] = [];
    for (const row of rows) {
      if (settings.autoAssign && (await autoAssign(tx, ctx, row, settings))) await markRouted(tx, [row.id]);
      else left.push(row.id);
    }
    const recipients = left.length && settings.notifyByEmail ? await offlineOnDuty(tx) : [];
    if (!recipients.length) await markRouted(tx, left);
    return { taken: rows.length, left: recipients.length ? left : [], recipients };
  });
  if (!first.left.length) return first.taken;
  // Addresses and the workspace name are platform reads: outside the tenant transaction.
  const [people, workspace] = await Promise.all([findUsersByIds(first.recipients), describeTenant(tenantId)]);
  await withTenant(ctx, async (tx) => {
    const waiting = await lockUnmailed(tx, first.left);
    if (!waiting.length) return;
    const asked = await askingMessages(tx, waiting);
    for (const person of people.values())
      await sendMail(waitingMail(person.email, workspace?.name ?? 'your workspace', tenantId, waiting, asked));
    await markRouted(
      tx,
      waiting.map((c) => c.id),
    );
  });
  return first.taken;
}
