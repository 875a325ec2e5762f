import type { AnalyticsReport, ReportSend } from '@switchboard/contract/analytics-reports';
import { NotFoundError } from '../../platform/errors';
import type { ServiceContext, Tx } from '../../platform/tenancy';
import { visibleAgentFilter } from '../agents';

export interface ReportRow {
  id: string;
  name: string;
  frequency: AnalyticsReport['frequency'];
  metrics: AnalyticsReport['metrics'];
  recipients: string[];
  unsubscribed: string[];
  language: AnalyticsReport['language'];
  agent_id: string | null;
  enabled: boolean;
  last_sent_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface SendRow {
  id: string;
  report_id: string;
  trigger: ReportSend['trigger'];
  range_from: string;
  range_to: string;
  status: ReportSend['status'];
  recipients: string[];
  error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function reportView(r: ReportRow): AnalyticsReport {
  return {
    id: r.id,
    name: r.name,
    frequency: r.frequency,
    metrics: r.metrics,
    recipients: r.recipients,
    unsubscribed: r.unsubscribed,
    language: r.language,
    agentId: r.agent_id,
    enabled: r.enabled,
    lastSentAt: iso(r.last_sent_at),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

export function sendView(s: SendRow): ReportSend {
  return {
    id: s.id,
    trigger: s.trigger,
    range: { from: s.range_from, to: s.range_to },
    status: s.status,
    recipients: s.recipients,
    error: s.error,
    createdAt: iso(s.created_at)!,
    sentAt: iso(s.sent_at),
  };
}

export const SEND_COLUMNS = `id, report_id, trigger, range_from::text AS range_from, range_to::text AS range_to, status,
  recipients, error, created_at, sent_at`;

/**
 * A report the caller may see: a key limited to some agents sees only reports of those
 * agents (a workspace-wide report would tell it about every agent). Another tenant's is a 404.
 */
export async function loadReport(tx: Tx, ctx: ServiceContext, id: string, lock = false): Promise<ReportRow> {
  const visible = visibleAgentFilter(ctx);
  const { rows } = await tx.query<ReportRow>(
    `SELECT * FROM analytics_reports WHERE id = $1 AND ($2::text[] IS NULL OR agent_id = ANY($2::text[]))
      ${lock ? 'FOR UPDATE' : ''}`,
    [id, visible],
  );
  if (!rows[0]) throw new NotFoundError('Report', 'not_found', { table: 'analytics_reports', id });
  return rows[0];
}

export async function listReportRows(tx: Tx, ctx: ServiceContext): Promise<ReportRow[]> {
  const visible = visibleAgentFilter(ctx);
  const { rows } = await tx.query<ReportRow>(
    `SELECT * FROM analytics_reports WHERE ($1::text[] IS NULL OR agent_id = ANY($1::text[])) ORDER BY created_at, id`,
    [visible],
  );
  return rows;
}
