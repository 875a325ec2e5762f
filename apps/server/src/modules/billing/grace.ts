import { z } from 'zod';
import { defineJob } from '../../platform/jobs/define';
import { systemContext, withPlatform } from '../../platform/tenancy';
import { recordAudit } from '../audit';
import { findPlan } from '../plans';
import { forgetBillingRestriction } from '../tenants';
import { mailOwners } from './owner-mail';
import { billingNow } from './settings';
import { readSubscription, writeSubscription, type GraceStage } from './store';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Reminder days after the failed payment (seed 000), those before the grace period ends. */
const REMINDER_DAYS = [0, 3, 6];
/** After the grace period the widget and channels keep answering this long, then stop. */
export const WIDGET_EXTRA_DAYS = 7;

export interface GraceStep {
  reminder: number | null;
  stage: GraceStage;
}

/** Where a past-due workspace stands `days` after its failed payment. */
export function graceStageAt(days: number, graceDays: number): GraceStage {
  if (days >= graceDays + WIDGET_EXTRA_DAYS) return 'widget_stopped';
  if (days >= graceDays) return 'restricted';
  return 'reminding';
}

/** Moves one past-due workspace along its timeline to `now`: reminders, restriction, widget stop. */
export async function advanceGraceFor(tenantId: string, now: Date): Promise<GraceStep | null> {
  const step = await withPlatform(async (tx) => {
    const row = await readSubscription(tx, tenantId, true);
    if (!row?.past_due_since) return null;
    const graceDays = (row.plan_id ? (await findPlan(row.plan_id))?.graceDays : undefined) ?? 7;
    const days = (now.getTime() - row.past_due_since.getTime()) / DAY_MS;
    const due = REMINDER_DAYS.filter((d) => d < graceDays && d <= days).length;
    const reminder = due > row.reminders_sent ? REMINDER_DAYS[due - 1]! : null;
    const stage = graceStageAt(days, graceDays);
    const rank: GraceStage[] = ['none', 'reminding', 'restricted', 'widget_stopped'];
    const next = rank.indexOf(stage) > rank.indexOf(row.grace_stage) ? stage : row.grace_stage;
    if (reminder === null && next === row.grace_stage) return { reminder: null, stage: next, moved: false, graceDays };
    await writeSubscription(tx, tenantId, row.provider, {
      reminders_sent: Math.max(due, row.reminders_sent),
      grace_stage: next,
    });
    const ctx = systemContext(tenantId, 'billing.grace');
    if (reminder !== null)
      await recordAudit(tx, ctx, {
        action: 'billing.payment_reminder',
        targetType: 'workspace',
        targetId: tenantId,
        after: { day: reminder },
      });
    if (next !== row.grace_stage)
      await recordAudit(tx, ctx, {
        action: next === 'restricted' ? 'billing.workspace_restricted' : 'billing.widget_stopped',
        targetType: 'workspace',
        targetId: tenantId,
        before: { graceStage: row.grace_stage },
        after: { graceStage: next },
      });
    return { reminder, stage: next, moved: next !== row.grace_stage, graceDays };
  });
  if (!step) return null;
  forgetBillingRestriction(tenantId);
  if (step.reminder !== null) await mailReminder(tenantId, step.reminder, step.graceDays);
  if (step.moved && step.stage === 'restricted') await mailRestricted(tenantId);
  if (step.moved && step.stage === 'widget_stopped') await mailWidgetStopped(tenantId);
  return { reminder: step.reminder, stage: step.stage };
}

const mailReminder = (tenantId: string, day: number, graceDays: number) =>
  mailOwners(tenantId, (name) => `Payment failed for ${name}`, [
    day === 0
      ? 'The last payment for your Switchboard subscription did not go through.'
      : `The payment for your Switchboard subscription is still outstanding (${day} days now).`,
    `Please update your payment method within ${graceDays} days of the failed payment; after that your team can no longer make changes.`,
  ]);

const mailRestricted = (tenantId: string) =>
  mailOwners(tenantId, (name) => `${name} is paused for an unpaid subscription`, [
    'The grace period is over: members can no longer make changes in the workspace until the subscription is paid.',
    `Your website chat and channels keep answering visitors for ${WIDGET_EXTRA_DAYS} more days, then they stop.`,
    'Paying on the Billing page restores everything at once.',
  ]);

const mailWidgetStopped = (tenantId: string) =>
  mailOwners(tenantId, (name) => `The chat of ${name} has stopped`, [
    'Your website chat and channels stopped answering because the subscription is still unpaid; visitors see a polite notice.',
    'Paying on the Billing page restores everything at once.',
  ]);

/** Every past-due workspace, moved along its timeline. */
export async function advanceGrace(now = billingNow()): Promise<number> {
  const { rows } = await withPlatform((tx) =>
    tx.query<{ tenant_id: string }>(`SELECT tenant_id FROM billing_subscriptions WHERE past_due_since IS NOT NULL`),
  );
  for (const row of rows) await advanceGraceFor(row.tenant_id, now);
  return rows.length;
}

export const graceJob = defineJob({
  name: 'billing.advance-grace',
  data: z.object({}),
  schedule: { cron: '*/15 * * * *', data: {} },
  async handler() {
    await advanceGrace();
  },
});
