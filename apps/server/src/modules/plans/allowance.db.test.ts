import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../platform/tenancy';
import { mailText, waitForMail } from '../../../test/support/client';
import { planLimitNotices } from './schema';
import { onPlan } from '../../../test/support/plans';
import { useTestRuntime } from '../../../test/support/runtime';
import { say, testWorkspace, type TestWorkspace } from '../../../test/support/workspace';

/**
 * The month's message allowance without a model (curated answers): used up, the workspace's
 * setting decides — a polite notice offering a person, or answers go on and the overage is
 * metered; the owners are mailed at 80 % and 100 % of a limit, once a month.
 */
const rt = useTestRuntime();

async function agentWithAnswer(ws: TestWorkspace): Promise<string> {
  const agent = await ws.api.post('/api/v1/agents', { name: 'Helper' });
  expect(agent.status).toBe(201);
  const qa = await ws.api.post('/api/v1/knowledge/qa', {
    question: 'What are your opening hours?',
    answer: 'We are open 9:00–17:00, Monday to Friday.',
  });
  expect(qa.status).toBe(201);
  return agent.body.agent.id;
}

async function ask(ws: TestWorkspace, conversationId: string) {
  const res = await say(ws.api, conversationId, 'when are you open?');
  expect(res.status).toBe(200);
  return res.body;
}

describe('the monthly message allowance', () => {
  let ws: TestWorkspace;
  let agentId: string;
  beforeAll(async () => {
    ws = await testWorkspace(rt.current, 'allowance');
    agentId = await agentWithAnswer(ws);
    await onPlan(ws.id, { messagesPerMonth: 2 }, { apiAccess: true });
  });

  it('answers up to the allowance, then a polite notice offers a person (the default), and "yes" hands over', async () => {
    const c = (await ws.api.post('/api/v1/conversations', { agentId })).body.conversation;
    expect((await ask(ws, c.id)).content).toContain('We are open');
    expect((await ask(ws, c.id)).content).toContain('We are open');
    const notice = await ask(ws, c.id);
    expect(notice.content).toContain('can’t answer more questions here this month');
    expect(notice.content).not.toContain('We are open');
    const yes = await say(ws.api, c.id, 'yes');
    expect(yes.body.conversationStatus).toBe('pending_human');
    const meters = (await ws.owner.json('/api/v1/billing/plan')).body.meters;
    expect(meters.find((m: any) => m.limit === 'messagesPerMonth')).toMatchObject({ used: 2, max: 2, overage: 0 });
  });

  it('with overage chosen, answers go on and the overage is metered and shown', async () => {
    const set = await ws.owner.json('/api/v1/billing/settings', {
      method: 'PATCH',
      json: { limitBehaviour: 'overage' },
    });
    expect(set.status).toBe(200);
    const c = (await ws.api.post('/api/v1/conversations', { agentId })).body.conversation;
    expect((await ask(ws, c.id)).content).toContain('We are open');
    const meters = (await ws.owner.json('/api/v1/billing/plan')).body.meters;
    expect(meters.find((m: any) => m.limit === 'messagesPerMonth')).toMatchObject({ used: 3, max: 2, overage: 1 });
  });
});

describe('the 80 % and 100 % mails', () => {
  const mailsTo = (prefix: string, subject: RegExp) => {
    const dir = path.join(rt.current.runtime.config.dataDir, 'mail');
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .map((f) => mailText(fs.readFileSync(path.join(dir, f), 'utf8')))
      .filter(
        (text) =>
          new RegExp(`^To: .*${prefix}`, 'm').test(text) && subject.test(/^Subject: (.+)$/m.exec(text)?.[1] ?? ''),
      );
  };

  it('go to the owners once per month and threshold', async () => {
    const ws = await testWorkspace(rt.current, 'notice80');
    await onPlan(ws.id, { agents: 5 }, { apiAccess: true });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await ws.api.post('/api/v1/agents', { name: `A${i}` })).body.agent.id);
    const eighty = await waitForMail(rt.current, 'notice80-owner-', /used 80 % of its agents/);
    expect(eighty.text).toContain('4 of the 5 agents');
    expect((await ws.api.post('/api/v1/agents', { name: 'A4' })).status).toBe(201);
    await waitForMail(rt.current, 'notice80-owner-', /has used all its agents/);
    // Down and up again within the month: no second mail of either.
    const archived = await ws.api.post(`/api/v1/agents/${ids[0]}/status`, { status: 'archived' });
    expect(archived.status).toBe(200);
    expect((await ws.api.post('/api/v1/agents', { name: 'A5' })).status).toBe(201);
    // Each mail is queued with its notice row, in the create's transaction: two rows, two mails.
    const notices = await withTenant({ tenantId: ws.id }, (tx) =>
      tx.db.select({ threshold: planLimitNotices.threshold }).from(planLimitNotices),
    );
    expect(notices.map((r) => r.threshold).sort()).toEqual([100, 80]);
    expect(mailsTo('notice80-owner-', /agents/)).toHaveLength(2);
  });
});
