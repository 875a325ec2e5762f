import {
  createReportInput,
  updateReportInput,
  type AnalyticsReport,
  type ReportSend,
} from '@switchboard/contract/analytics-reports';
import type { z } from 'zod';
import { ValidationError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { assertCan } from '../access';
import { recordAudit } from '../audit';
import { assertScheduledReports } from '../plans';
import { listReportRows, loadReport, reportView, SEND_COLUMNS, sendView, type SendRow } from './report-store';

async function assertAgent(tx: Tx, agentId: string | null | undefined): Promise<void> {
  if (!agentId) return;
  const { rows } = await tx.query('SELECT 1 FROM agents WHERE id = $1', [agentId]);
  if (!rows.length)
    throw new ValidationError('That agent does not exist.', [{ path: 'agentId', message: 'Unknown agent' }]);
}

const audited = (r: AnalyticsReport) => ({
  name: r.name,
  frequency: r.frequency,
  metrics: r.metrics,
  recipients: r.recipients,
  language: r.language,
  agentId: r.agentId,
  enabled: r.enabled,
});

export async function createReport(
  ctx: ServiceContext,
  input: z.input<typeof createReportInput>,
): Promise<AnalyticsReport> {
  assertCan(ctx, 'analytics.manage');
  const data = createReportInput.parse(input);
  await assertScheduledReports(ctx);
  return withTenant(ctx, async (tx) => {
    await assertAgent(tx, data.agentId);
    const { rows } = await tx.query(
      `INSERT INTO analytics_reports (tenant_id, id, name, frequency, metrics, recipients, language, agent_id, enabled, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
      [
        ctx.tenantId,
        newId('rpt'),
        data.name,
        data.frequency,
        data.metrics,
        data.recipients,
        data.language,
        data.agentId ?? null,
        data.enabled,
        ctx.actor.type === 'user' ? ctx.actor.userId : null,
      ],
    );
    const report = reportView(rows[0] as never);
    await recordAudit(tx, ctx, {
      action: 'report.created',
      targetType: 'report',
      targetId: report.id,
      after: audited(report),
    });
    return report;
  });
}

export async function listReports(ctx: ServiceContext): Promise<AnalyticsReport[]> {
  assertCan(ctx, 'analytics.read');
  return (await withTenant(ctx, (tx) => listReportRows(tx, ctx))).map(reportView);
}

export async function getReport(ctx: ServiceContext, id: string): Promise<AnalyticsReport> {
  assertCan(ctx, 'analytics.read');
  return reportView(await withTenant(ctx, (tx) => loadReport(tx, ctx, id)));
}

export async function updateReport(
  ctx: ServiceContext,
  id: string,
  input: z.input<typeof updateReportInput>,
): Promise<AnalyticsReport> {
  assertCan(ctx, 'analytics.manage');
  const patch = updateReportInput.parse(input);
  return withTenant(ctx, async (tx) => {
    const before = reportView(await loadReport(tx, ctx, id, true));
    if (patch.agentId !== undefined) await assertAgent(tx, patch.agentId);
    const recipients = patch.recipients ?? before.recipients;
    const { rows } = await tx.query(
      `UPDATE analytics_reports SET name = $2, frequency = $3, metrics = $4, recipients = $5, language = $6,
              agent_id = $7, enabled = $8, unsubscribed = $9, updated_at = now()
        WHERE id = $1 RETURNING *`,
      [
        id,
        patch.name ?? before.name,
        patch.frequency ?? before.frequency,
        patch.metrics ?? before.metrics,
        recipients,
        patch.language ?? before.language,
        patch.agentId === undefined ? before.agentId : patch.agentId,
        patch.enabled ?? before.enabled,
        // An address removed and added again has been asked for anew by an admin.
        before.unsubscribed.filter((e) => recipients.includes(e) && before.recipients.includes(e)),
      ],
    );
    const report = reportView(rows[0] as never);
    await recordAudit(tx, ctx, {
      action: 'report.updated',
      targetType: 'report',
      targetId: id,
      before: audited(before),
      after: audited(report),
    });
    return report;
  });
}

export async function deleteReport(ctx: ServiceContext, id: string): Promise<void> {
  assertCan(ctx, 'analytics.manage');
  await withTenant(ctx, async (tx) => {
    const before = reportView(await loadReport(tx, ctx, id, true));
    await tx.query('DELETE FROM analytics_reports WHERE id = $1', [id]);
    await recordAudit(tx, ctx, {
      action: 'report.deleted',
      targetType: 'report',
      targetId: id,
      before: audited(before),
    });
  });
}

/** The report's sends, newest first (the last 100). */
export async function listReportSends(ctx: ServiceContext, id: string): Promise<ReportSend[]> {
  assertCan(ctx, 'analytics.read');
  return withTenant(ctx, async (tx) => {
    await loadReport(tx, ctx, id);
    const { rows } = await tx.query<SendRow>(
      `SELECT ${SEND_COLUMNS} FROM analytics_report_sends WHERE report_id = $1 ORDER BY created_at DESC, id DESC LIMIT 100`,
      [id],
    );
    return rows.map(sendView);
  });
}
