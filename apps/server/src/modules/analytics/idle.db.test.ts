import { beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../platform/tenancy';
import { eventually, inboxWorkspace, type InboxWorkspace } from '../../../test/support/inbox';
import { useTestRuntime } from '../../../test/support/runtime';
import { VisitorClient, widgetFor } from '../../../test/support/widget';
import { IDLE_SECONDS } from './facts';
import { sweepIdleConversations } from './index';

/**
 * Idle conversations count as resolved by the bot once nobody wrote for IDLE_SECONDS and no
 * person was involved; the sweep is driven with a clock of the test's choosing.
 */
const rt = useTestRuntime({ WIDGET_RATE_LIMIT_PER_MINUTE: '1000', WIDGET_IP_RATE_LIMIT_PER_MINUTE: '10000' });
let ws: InboxWorkspace;
let visitor: VisitorClient;
const ids: Record<string, string> = {};
const later = (seconds: number) => new Date(Date.now() + seconds * 1000);

const current = async () => (await ws.api.json('/api/v1/analytics/summary')).body.current;
const idleDue = (id: string) =>
  withTenant({ tenantId: ws.id }, async (tx) => {
    const { rows } = await tx.query<{ idle_due_at: Date | null; bot_resolved: boolean }>(
      'SELECT idle_due_at, bot_resolved FROM analytics_conversations WHERE conversation_id = $1',
      [id],
    );
    return rows[0];
  });

beforeAll(async () => {
  ws = await inboxWorkspace(rt.current, 'idle', { ana: 'agent' });
  const { publicKey } = await widgetFor(ws, ws.agentId);
  // Quiet: a visitor asked once and left.
  visitor = new VisitorClient(rt.current, publicKey);
  await visitor.session();
  expect((await visitor.send('What are your opening hours?')).status).toBe(200);
  ids.quiet = visitor.conversationId!;
  // Handed off: a person was involved, so never resolved by the bot, idle or not.
  ids.handedOff = await ws.conversation();
  expect(
    (await ws.api.post(`/api/v1/conversations/${ids.handedOff}/handoff`, { reason: 'Wants a person' })).status,
  ).toBe(200);
  await eventually(async () => {
    const c = await current();
    return c.conversations === 2 && c.handedOff === 1 && c.messages.visitor === 1;
  });
});

describe('idle conversations', () => {
  it('are not resolved before the idle time has passed', async () => {
    expect(await sweepIdleConversations(later(IDLE_SECONDS - 3600))).toBe(0);
    expect((await current()).botResolved).toBe(0);
    expect((await idleDue(ids.handedOff!))?.idle_due_at).toBeNull();
    expect((await idleDue(ids.quiet!))?.idle_due_at).not.toBeNull();
  });

  it('count as resolved by the bot once idle, unless a person was involved', async () => {
    expect(await sweepIdleConversations(later(IDLE_SECONDS + 60))).toBe(1);
    const c = await current();
    expect(c.botResolved).toBe(1);
    expect(c.botResolvedRate).toBe(0.5);
    expect(await idleDue(ids.quiet!)).toMatchObject({ bot_resolved: true });
    // Already counted: a later sweep finds nothing more to do.
    expect(await sweepIdleConversations(later(IDLE_SECONDS + 600))).toBe(0);
  });

  it('stop counting as resolved when the visitor writes again, until idle again', async () => {
    expect((await visitor.send('And on Saturdays?')).status).toBe(200);
    await eventually(async () => (await current()).botResolved === 0);
    const due = (await idleDue(ids.quiet!))!.idle_due_at!;
    expect(new Date(due).getTime()).toBeGreaterThan(Date.now() + IDLE_SECONDS * 1000 - 120_000);
    expect(await sweepIdleConversations(later(IDLE_SECONDS + 60))).toBe(1);
    expect((await current()).botResolved).toBe(1);
  });
});
