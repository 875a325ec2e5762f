import { beforeAll, describe, expect, it } from 'vitest';
import { withPlatform } from '../../platform/tenancy';
import { useTestRuntime } from '../../../test/support/runtime';
import { SITE, VisitorClient, widgetFor } from '../../../test/support/widget';
import { testWorkspace, type TestWorkspace } from '../../../test/support/workspace';

/**
 * New widget conversations, from the attacker's side: one visitor asking for a fresh
 * conversation on every request, then a script minting a new visitor each time, both from one
 * address. Each is held to its hourly budget (429 too_many_conversations); carrying on an
 * existing conversation is never refused by it.
 */
const rt = useTestRuntime({
  WIDGET_CONVERSATION_LIMIT_PER_HOUR: '3',
  WIDGET_IP_CONVERSATION_LIMIT_PER_HOUR: '7',
  WIDGET_RATE_LIMIT_PER_MINUTE: '1000',
  WIDGET_IP_RATE_LIMIT_PER_MINUTE: '10000',
});
let ws: TestWorkspace;
let key: string;

beforeAll(async () => {
  ws = await testWorkspace(rt.current, 'wconv');
  const agentId = (await ws.api.post('/api/v1/agents', { name: 'Limited agent' })).body.agent.id;
  ({ publicKey: key } = await widgetFor(ws, agentId));
});

const conversations = async () =>
  Number(
    (await withPlatform((tx) => tx.query('SELECT count(*) FROM conversations WHERE tenant_id = $1', [ws.id]))).rows[0]!
      .count,
  );

describe('new conversations', () => {
  it('are limited per visitor, then per address, while existing ones carry on', async () => {
    const v = new VisitorClient(rt.current, key);
    expect((await v.session()).status).toBe(200);
    const first = v.conversationId;
    expect((await v.session({ fresh: true })).status).toBe(200);
    expect((await v.session({ fresh: true })).status).toBe(200);
    const refused = await v.call('/session', {
      method: 'POST',
      json: { visitorId: v.visitor!.id, visitorKey: v.visitor!.key, fresh: true },
    });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.error).toMatchObject({
      code: 'too_many_conversations',
      message: expect.stringContaining('from this visitor: 3 an hour are allowed'),
      details: { limit: 3 },
    });
    expect(await conversations()).toBe(3);

    // Resuming is not starting: the visitor's conversations stay reachable.
    const resumed = await v.call('/session', {
      method: 'POST',
      json: { visitorId: v.visitor!.id, visitorKey: v.visitor!.key, conversationId: first },
    });
    expect(resumed.status).toBe(200);
    expect(resumed.body.conversation.id).toBe(first);
    expect(resumed.body.token).toEqual(expect.any(String));
    // Opening the panel without asking for a conversation is not refused either.
    expect((await new VisitorClient(rt.current, key).call('/session', { method: 'POST', json: {} })).status).toBe(200);

    // A fresh visitor id per request: the address holds them back (7 an hour, 3 spent).
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await new VisitorClient(rt.current, key).session()).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    const last = await new VisitorClient(rt.current, key).session();
    expect(last.body.error).toMatchObject({
      code: 'too_many_conversations',
      message: expect.stringContaining('from this network address: 7 an hour are allowed'),
    });
    expect(await conversations()).toBe(7);
  });
});
