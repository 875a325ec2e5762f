import type { ReportSend } from '@switchboard/contract/analytics-reports';
import { z } from 'zod';
import { appUrl } from '../../platform/app-url';
import { newId } from '../../platform/ids';
import { defineJob, enqueue } from '../../platform/jobs';
import { renderMail, sendMailJob } from '../../platform/mail';
import { systemContext, withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { assertCan } from '../access';
import { activeTenantIds, describeTenant } from '../tenants';
import { workspaceTimeZone } from './facts';
import { readMetrics } from './metrics';
import { addDays, previousOf, todayIn, type Scope } from './range';
import { WORDS } from './report-i18n';
import { renderReportPdf, type ReportContent } from './report-pdf';
import { currentPeriod, duePeriod, type Period } from './report-periods';
import { loadReport, SEND_COLUMNS, sendView, type ReportRow, type SendRow } from './report-store';
import { unsubscribeUrl } from './report-unsubscribe';

const RETRY_LIMIT = 5;

function ctxTenant(tx: Tx): string {
  if (!tx.tenantId) throw new Error('A report send needs a tenant transaction');
  return tx.tenantId;
}

/** Renders and mails one send of a report; a send already mailed is left alone, so a rerun sends nothing twice. */
export const reportSendJob = defineJob({
  name: 'analytics.report-send',
  data: z.object({ tenantId: z.string().min(1), sendId: z.string().min(1) }),
  retryLimit: RETRY_LIMIT,
  retryDelaySeconds: 30,
  async handler({ tenantId, sendId }, meta) {
    try {
      await deliverSend(tenantId, sendId);
    } catch (error) {
      if (meta.retryCount >= RETRY_LIMIT) await markFailed(tenantId, sendId, error);
      throw error;
    }
  },
});

/** A send of the given period, in the caller's transaction; null when that period was already sent (or queued). */
async function insertSend(
  tx: Tx,
  report: ReportRow,
  period: Period,
  trigger: ReportSend['trigger'],
): Promise<SendRow | null> {
  const id = newId('rps');
  const { rows } = await tx.query<SendRow>(
    `INSERT INTO analytics_report_sends (tenant_id, id, report_id, period, trigger, range_from, range_to)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (tenant_id, report_id, period) DO NOTHING
     RETURNING ${SEND_COLUMNS}`,
    [tx.tenantId, id, report.id, trigger === 'manual' ? `manual:${id}` : period.key, trigger, period.from, period.to],
  );
  if (!rows[0]) return null;
  await enqueue(tx, reportSendJob, { tenantId: ctxTenant(tx), sendId: id });
  return rows[0];
}

/** "Send now": the current period so far (today, this week or this month), to every subscribed recipient. */
export async function sendReportNow(ctx: ServiceContext, id: string): Promise<ReportSend> {
  assertCan(ctx, 'analytics.manage');
  return withTenant(ctx, async (tx) => {
    const report = await loadReport(tx, ctx, id);
    const period = currentPeriod(report.frequency, todayIn(await workspaceTimeZone(tx)));
    return sendView((await insertSend(tx, report, period, 'manual'))!);
  });
}

/**
 * Queues the sends that are due at `now` in every workspace: each enabled report's last
 * finished period, once. Any number of workers may run this at once: the send log's unique
 * (report, period) lets one insert win and the others do nothing.
 */
export async function queueDueReports(now = new Date()): Promise<number> {
  let queued = 0;
  for (const tenantId of await activeTenantIds()) {
    queued += await withTenant(systemContext(tenantId, 'analytics.reports-due'), async (tx) => {
      const { rows } = await tx.query<ReportRow>('SELECT * FROM analytics_reports WHERE enabled');
      if (!rows.length) return 0;
      const timeZone = await workspaceTimeZone(tx);
      let count = 0;
      for (const report of rows) {
        const period = duePeriod(report.frequency, timeZone, new Date(report.created_at), now);
        if (period && (await insertSend(tx, report, period, 'schedule'))) count++;
      }
      return count;
    });
  }
  return queued;
}

export const reportsDueJob = defineJob({
  name: 'analytics.reports-due',
  data: z.object({}),
  retryLimit: 1,
  schedule: { cron: '*/10 * * * *', data: {} },
  async handler() {
    await queueDueReports();
  },
});

async function markFailed(tenantId: string, sendId: string, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await withTenant(systemContext(tenantId, 'analytics.report-send'), (tx) =>
    tx.query(`UPDATE analytics_report_sends SET status = 'failed', error = $2 WHERE id = $1 AND status = 'queued'`, [
      sendId,
      message.slice(0, 500),
    ]),
  );
}

/** The report's figures and chart for its send, read from the rollups. */
async function gather(tx: Tx, report: ReportRow, send: SendRow, workspace: string): Promise<ReportContent> {
  const timeZone = await workspaceTimeZone(tx);
  const scope: Scope = {
    from: send.range_from,
    to: send.range_to,
    timeZone,
    interval: 'day',
    channel: null,
    agentIds: report.agent_id ? [report.agent_id] : null,
  };
  const previous = previousOf(scope);
  const { rows } = await tx.query<{ day: string; n: string }>(
    `SELECT day::text AS day, sum(conversations) AS n FROM analytics_daily
      WHERE day BETWEEN $1::date AND $2::date AND ($3::text IS NULL OR agent_id = $3) GROUP BY day`,
    [scope.from, scope.to, report.agent_id],
  );
  const byDay = new Map(rows.map((r) => [r.day, Number(r.n)]));
  const daily: ReportContent['daily'] = [];
  for (let day = scope.from; day <= scope.to; day = addDays(day, 1))
    daily.push({ day, conversations: byDay.get(day) ?? 0 });
  const live = new URLSearchParams({ from: scope.from, to: scope.to });
  if (report.agent_id) live.set('agent', report.agent_id);
  return {
    workspace,
    name: report.name,
    frequency: report.frequency,
    language: report.language,
    range: { from: scope.from, to: scope.to },
    previousRange: { from: previous.from, to: previous.to },
    metrics: report.metrics,
    current: await readMetrics(tx, scope),
    previous: await readMetrics(tx, previous),
    daily,
    liveUrl: `${appUrl()}/w/${ctxTenant(tx)}/analytics?${live.toString()}`,
  };
}

async function deliverSend(tenantId: string, sendId: string): Promise<void> {
  const ctx = systemContext(tenantId, 'analytics.report-send');
  const workspace = (await describeTenant(tenantId))?.name ?? tenantId;
  const read = await withTenant(ctx, async (tx) => {
    const { rows } = await tx.query<SendRow>(`SELECT ${SEND_COLUMNS} FROM analytics_report_sends WHERE id = $1`, [
      sendId,
    ]);
    const send = rows[0];
    if (!send || send.status !== 'queued') return null;
    const report = await loadReport(tx, ctx, send.report_id);
    return { send, report, content: await gather(tx, report, send, workspace) };
  });
  if (!read) return;
  const pdf = (await renderReportPdf(read.content)).toString('base64');
  const { report, content } = read;
  const words = WORDS[report.language];
  await withTenant(ctx, async (tx) => {
    // Locked and checked again: of two runs of the same send, one mails and the other sees it sent.
    const { rows } = await tx.query<{ status: string }>(
      'SELECT status FROM analytics_report_sends WHERE id = $1 FOR UPDATE',
      [sendId],
    );
    if (rows[0]?.status !== 'queued') return;
    const current = await tx.query<{ recipients: string[]; unsubscribed: string[] }>(
      'SELECT recipients, unsubscribed FROM analytics_reports WHERE id = $1',
      [report.id],
    );
    const to = (current.rows[0]?.recipients ?? []).filter((e) => !current.rows[0]!.unsubscribed.includes(e));
    for (const email of to) {
      const unsubscribe = unsubscribeUrl(tenantId, report.id, email);
      const mail = renderMail({
        to: email,
        subject: `${content.name} - ${workspace} (${content.range.from} - ${content.range.to})`,
        greeting: words.greeting,
        paragraphs: [words.body(content.name, workspace, content.range.from, content.range.to)],
        action: { label: words.openLive, url: content.liveUrl },
        footer: `${words.unsubscribe}: ${unsubscribe}`,
      });
      await enqueue(tx, sendMailJob, {
        ...mail,
        attachments: [
          {
            filename: `report-${content.range.from}-${content.range.to}.pdf`,
            contentType: 'application/pdf',
            contentBase64: pdf,
          },
        ],
        headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      });
    }
    await tx.query(
      `UPDATE analytics_report_sends SET status = 'sent', recipients = $2, sent_at = now() WHERE id = $1`,
      [sendId, to],
    );
    await tx.query('UPDATE analytics_reports SET last_sent_at = now() WHERE id = $1', [report.id]);
  });
}
