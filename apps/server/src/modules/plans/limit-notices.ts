import type { PlanLimit } from '@switchboard/contract/plans';
import { z } from 'zod';
import { appUrl } from '../../platform/app-url';
import { defineJob, enqueue } from '../../platform/jobs';
import { renderMail, sendMail } from '../../platform/mail';
import { withPlatform, withTenant, type Tx } from '../../platform/tenancy';
import { describeTenant } from '../tenants';

const THRESHOLDS = [100, 80] as const;

/** The calendar month (UTC) a counted limit's notices belong to. */
export const utcPeriod = (at = new Date()) => `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, '0')}`;

const noticeData = z.object({
  tenantId: z.string(),
  limit: z.string(),
  threshold: z.number().int(),
  used: z.number(),
  max: z.number(),
  planName: z.string(),
});

const ownerEmails = (tenantId: string) =>
  withPlatform(async (tx) => {
    const { rows } = await tx.query<{ email: string }>(
      `SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_id = $1 AND m.role = 'owner' ORDER BY u.email`,
      [tenantId],
    );
    return rows.map((r) => r.email);
  });

const LABELS: Record<PlanLimit, string> = {
  agents: 'agents',
  members: 'members',
  knowledgeSources: 'knowledge sources',
  storedBytes: 'file storage',
  messagesPerMonth: 'messages this month',
  modelSpendUsdPerMonth: 'model spend this month',
  channels: 'channels',
  webhookEndpoints: 'webhook endpoints',
  customActions: 'custom actions',
};

/** Mails every owner of the workspace that a limit is at 80 % or used up. */
export const limitNoticeJob = defineJob({
  name: 'plans.limit-notice',
  data: noticeData,
  retryLimit: 5,
  async handler(data) {
    const [owners, workspace] = await Promise.all([ownerEmails(data.tenantId), describeTenant(data.tenantId)]);
    const name = workspace?.name ?? 'your workspace';
    const what = LABELS[data.limit as PlanLimit] ?? data.limit;
    for (const to of owners) {
      await sendMail(
        renderMail({
          to,
          subject:
            data.threshold >= 100
              ? `${name} has used all its ${what}`
              : `${name} has used ${data.threshold} % of its ${what}`,
          greeting: 'Hello,',
          paragraphs: [
            `${name} uses ${data.used} of the ${data.max} ${what} its plan (${data.planName}) includes.`,
            data.threshold >= 100
              ? 'Further use is refused or limited until the plan changes or the month ends.'
              : 'When it reaches the limit, further use is refused or limited.',
          ],
          action: { label: 'See the plan and its limits', url: `${appUrl()}/billing` },
        }),
      );
    }
  },
});

/**
 * In the caller's transaction: the highest threshold reached, recorded once per period (the
 * unique key decides between concurrent writers) with its mail job queued in the same commit.
 */
export async function queueLimitNotice(
  tx: Tx,
  notice: { limit: PlanLimit; used: number; max: number; planName: string; period?: string },
): Promise<void> {
  if (notice.max <= 0) return;
  const threshold = THRESHOLDS.find((t) => notice.used * 100 >= notice.max * t);
  if (!threshold) return;
  const { rows } = await tx.query(
    `INSERT INTO plan_limit_notices (tenant_id, limit_name, threshold, period, used) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING RETURNING threshold`,
    [tx.tenantId, notice.limit, threshold, notice.period ?? utcPeriod(), notice.used],
  );
  if (!rows.length) return;
  await enqueue(tx, limitNoticeJob, {
    tenantId: tx.tenantId!,
    limit: notice.limit,
    threshold,
    used: notice.used,
    max: notice.max,
    planName: notice.planName,
  });
}

/** The same from outside a transaction (the metered monthly limits, after an answer). */
export function noteMeteredUse(
  tenantId: string,
  notice: { limit: PlanLimit; used: number; max: number; planName: string; period: string },
): Promise<void> {
  return withTenant({ tenantId }, (tx) => queueLimitNotice(tx, notice));
}
