import { beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../platform/tenancy';
import { mailText, TestClient } from '../../../test/support/client';
import { eventually, inboxWorkspace, type InboxWorkspace } from '../../../test/support/inbox';
import { attachmentOf, pdfText, rawMailsTo } from '../../../test/support/mail-attachments';
import { onPlan } from '../../../test/support/plans';
import { useTestRuntime } from '../../../test/support/runtime';
import { testWorkspace, type TestWorkspace } from '../../../test/support/workspace';
import { queueDueReports } from './index';
import { unsubscribeToken } from './report-unsubscribe';

/**
 * Scheduled reports end to end: a report created through the API, sent now and on schedule,
 * read back from the mails the server wrote (the PDF decoded and its text extracted), and
 * unsubscribed from the mail's own link.
 */
const rt = useTestRuntime();
let ws: InboxWorkspace;
let other: TestWorkspace;
const first = 'lead-reports@example.test';
const second = 'cfo-reports@example.test';

const create = (client: TestClient, body: Record<string, unknown>) => client.post('/api/v1/analytics/reports', body);
const reportBody = (name: string) => ({
  name,
  frequency: 'weekly',
  metrics: ['conversations', 'botResolved', 'handedOff'],
  recipients: [first, second],
  language: 'en',
});
const sendsOf = async (id: string) => {
  const res = await ws.owner.json(`/api/v1/analytics/reports/${id}/sends`);
  expect(res.status).toBe(200);
  return res.body.sends as Array<{ status: string; recipients: string[]; trigger: string }>;
};
const mailsWith = (to: string, marker: string) =>
  rawMailsTo(rt.current, to).filter((m) => mailText(m).includes(marker));

beforeAll(async () => {
  ws = await inboxWorkspace(rt.current, 'reports', { ana: 'agent', vic: 'viewer' });
  other = await testWorkspace(rt.current, 'reports-other');
  // Three conversations, one closed by nobody but the team's close button: the bot resolved it.
  const ids = [await ws.conversation(), await ws.conversation(), await ws.conversation()];
  expect((await ws.members.ana!.client.post(`/api/v1/inbox/conversations/${ids[0]}/close`)).status).toBe(200);
  await eventually(async () => {
    const res = await ws.api.json('/api/v1/analytics/summary');
    return res.body.current.conversations === 3 && res.body.current.botResolved === 1;
  });
});

describe('scheduled reports', () => {
  it('mails every recipient a PDF holding the figures, a chart and the live link; the log records it', async () => {
    const created = await create(ws.owner, reportBody('Weekly numbers'));
    expect(created.status).toBe(201);
    const id = created.body.report.id as string;
    const sent = await ws.owner.post(`/api/v1/analytics/reports/${id}/send`);
    expect(sent.status).toBe(202);
    expect(sent.body.send.status).toBe('queued');

    for (const to of [first, second]) {
      const [raw] = await eventually(async () => {
        const found = mailsWith(to, 'Weekly numbers');
        return found.length ? found : null;
      });
      const text = mailText(raw!);
      expect(text).toContain(`/w/${ws.id}/analytics?from=`);
      expect(text).toMatch(/reports\/unsubscribe\?token=sbu1\./);
      const pdf = attachmentOf(raw!, 'application/pdf');
      expect(pdf?.subarray(0, 5).toString()).toBe('%PDF-');
      const content = await pdfText(pdf!);
      expect(content).toContain('Analytics report: Weekly numbers');
      expect(content).toContain('reports workspace');
      expect(content).toMatch(/Conversations\s+3/);
      expect(content).toMatch(/Resolved by the bot\s+1 \(33\.3%\)/);
      expect(content).toMatch(/Handed off to a person\s+0 \(0%\)/);
      expect(content).toContain('Conversations per day');
      expect(content).toContain('Open the live Analytics page');
      // The chart is drawn, not pasted: vector rectangles filled in the chart's colour.
      expect(pdf!.includes(Buffer.from('/XObject'))).toBe(false);
    }
    const log = await eventually(async () => {
      const sends = await sendsOf(id);
      return sends[0]?.status === 'sent' && sends;
    });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ trigger: 'manual', status: 'sent' });
    expect([...log[0]!.recipients].sort()).toEqual([second, first].sort());
  });

  it('writes the report in its language', async () => {
    const created = await create(ws.owner, { ...reportBody('Rapport hebdo'), language: 'fr', recipients: [first] });
    const id = created.body.report.id as string;
    expect((await ws.owner.post(`/api/v1/analytics/reports/${id}/send`)).status).toBe(202);
    const [raw] = await eventually(async () => {
      const found = mailsWith(first, 'Rapport hebdo');
      return found.length ? found : null;
    });
    const content = await pdfText(attachmentOf(raw!, 'application/pdf')!);
    expect(content).toMatch(/Résolues par le bot\s+1 \(33,3 ?%\)/);
    expect(content).toContain('Conversations par jour');
  });

  it('lets a recipient unsubscribe from the mail’s link, and refuses forged or re-aimed tokens', async () => {
    const created = await create(ws.owner, reportBody('Unsubscribable'));
    const id = created.body.report.id as string;
    await ws.owner.post(`/api/v1/analytics/reports/${id}/send`);
    const [raw] = await eventually(async () => {
      const found = mailsWith(first, 'Unsubscribable');
      return found.length ? found : null;
    });
    const link = /https?:\/\/\S+\/reports\/unsubscribe\?token=[^\s<>"]+/.exec(mailText(raw!))![0];
    const token = decodeURIComponent(new URL(link).searchParams.get('token')!);
    const anonymous = new TestClient(rt.current);
    const path = (t: string) => `/reports/unsubscribe?token=${encodeURIComponent(t)}`;

    // Opening the link changes nothing (mail scanners open links); it asks for a click.
    const page = await anonymous.fetch(path(token));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');

    const [prefix, body, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const reaimed = Buffer.from(JSON.stringify({ ...claims, e: second })).toString('base64url');
    const otherReport = (await create(ws.owner, reportBody('Other'))).body.report.id as string;
    for (const forged of [
      `${prefix}.${reaimed}.${signature}`,
      `${prefix}.${body}.${Buffer.alloc(32).toString('base64url')}`,
      'sbu1.garbage.garbage',
      // A real token of another report does not reach this one.
      unsubscribeToken(ws.id, otherReport, 'someone@example.test'),
    ]) {
      const res = await anonymous.fetch(path(forged), { method: 'POST' });
      expect([400, 404]).toContain(res.status);
    }
    expect((await ws.owner.json(`/api/v1/analytics/reports/${id}`)).body.report.unsubscribed).toEqual([]);

    const done = await anonymous.fetch(path(token), { method: 'POST' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('will no longer receive');
    expect((await ws.owner.json(`/api/v1/analytics/reports/${id}`)).body.report.unsubscribed).toEqual([first]);

    await ws.owner.post(`/api/v1/analytics/reports/${id}/send`);
    const log = await eventually(async () => {
      const sends = await sendsOf(id);
      return sends.length === 2 && sends[0]!.status === 'sent' && sends;
    });
    expect(log[0]!.recipients).toEqual([second]);
  });

  it('fires a schedule once per period, whatever the number of workers checking at once', async () => {
    const created = await create(ws.owner, { ...reportBody('Daily'), frequency: 'daily' });
    const id = created.body.report.id as string;
    await withTenant({ tenantId: ws.id }, (tx) =>
      tx.query(`UPDATE analytics_reports SET created_at = now() - interval '3 days' WHERE id = $1`, [id]),
    );
    const now = new Date();
    const periodsOf = () =>
      withTenant(
        { tenantId: ws.id },
        async (tx) =>
          (await tx.query<{ period: string }>('SELECT period FROM analytics_report_sends WHERE report_id = $1', [id]))
            .rows,
      );
    const runs = await Promise.all([queueDueReports(now), queueDueReports(now), queueDueReports(now)]);
    // Other workspaces' reports may be due as well; this report's period is queued once.
    expect(runs.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
    expect(await periodsOf()).toEqual([{ period: yesterday }]);
    await queueDueReports(now);
    await queueDueReports(new Date(now.getTime() + 60_000));
    expect(await periodsOf()).toHaveLength(1);
    const log = await eventually(async () => {
      const sends = await sendsOf(id);
      return sends[0]?.status === 'sent' && sends;
    });
    expect(log[0]).toMatchObject({ trigger: 'schedule', range: { from: yesterday, to: yesterday } });
  });

  it('validates input, keeps editing to admins and answers another workspace’s report as a 404', async () => {
    const bad = await create(ws.owner, { ...reportBody('Bad'), recipients: ['not-an-address'], metrics: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    const paths = (bad.body.error.details as Array<{ path: string }>).map((d) => d.path).join(' ');
    expect(paths).toMatch(/recipients/);
    expect(paths).toMatch(/metrics/);

    const viewer = ws.members.vic!.client;
    expect((await create(viewer, reportBody('Viewer'))).status).toBe(403);
    const list = await viewer.json('/api/v1/analytics/reports');
    expect(list.status).toBe(200);
    const id = (list.body.reports as Array<{ id: string; name: string }>).find((r) => r.name === 'Weekly numbers')!.id;
    expect((await viewer.post(`/api/v1/analytics/reports/${id}/send`)).status).toBe(403);

    expect((await other.owner.json('/api/v1/analytics/reports')).body.reports).toEqual([]);
    expect((await other.owner.json(`/api/v1/analytics/reports/${id}`)).status).toBe(404);
    expect((await other.owner.post(`/api/v1/analytics/reports/${id}/send`)).status).toBe(404);
    expect((await other.owner.fetch(`/api/v1/analytics/reports/${id}`, { method: 'DELETE' })).status).toBe(404);

    const renamed = await ws.owner.fetch(`/api/v1/analytics/reports/${id}`, {
      method: 'PATCH',
      json: { name: 'Renamed', frequency: 'monthly' },
    });
    expect(renamed.status).toBe(200);
    expect((await ws.owner.json(`/api/v1/analytics/reports/${id}`)).body.report).toMatchObject({
      name: 'Renamed',
      frequency: 'monthly',
    });
    expect((await ws.owner.fetch(`/api/v1/analytics/reports/${id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await ws.owner.json(`/api/v1/analytics/reports/${id}`)).status).toBe(404);
  });

  it('is a feature of the plan: a plan without scheduled reports refuses a new one', async () => {
    await onPlan(other.id, {}, { scheduledReports: false });
    const refused = await create(other.owner, reportBody('Not on this plan'));
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'feature_not_in_plan', details: { feature: 'scheduledReports' } });
    await onPlan(other.id, {}, { scheduledReports: true });
    expect((await create(other.owner, reportBody('Now on the plan'))).status).toBe(201);
  });
});
