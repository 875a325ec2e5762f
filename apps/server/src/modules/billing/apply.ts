import { systemContext, withPlatform } from '../../platform/tenancy';
import { recordAudit } from '../audit';
import { assignPlan } from '../plans';
import { forgetBillingRestriction } from '../tenants';
import { advanceGraceFor } from './grace';
import { billingNow, fallbackPlanId, type Provider } from './settings';
import { linkExternal, readSubscription, writeSubscription, type SubscriptionStatus } from './store';

export interface SubscriptionSnapshot {
  customerId: string | null;
  subscriptionId: string;
  planId: string | null;
  interval: 'month' | 'year' | null;
  status: SubscriptionStatus;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
}

const PLAN_HOLDING = new Set<SubscriptionStatus>(['trialing', 'active', 'past_due']);

/**
 * Mirrors a provider's subscription into the workspace: the row, the plan (a live
 * subscription's plan; the installation's default plan once it is canceled), audited.
 */
export async function applySubscription(tenantId: string, provider: Provider, snap: SubscriptionSnapshot) {
  const ctx = systemContext(tenantId, provider);
  await withPlatform(async (tx) => {
    const before = await readSubscription(tx, tenantId, true);
    if (snap.customerId) await linkExternal(tx, provider, snap.customerId, tenantId);
    await linkExternal(tx, provider, snap.subscriptionId, tenantId);
    const settled = snap.status === 'active' || snap.status === 'trialing' || snap.status === 'canceled';
    await writeSubscription(tx, tenantId, provider, {
      customer_id: snap.customerId ?? before?.customer_id ?? null,
      subscription_id: snap.subscriptionId,
      plan_id: snap.planId ?? before?.plan_id ?? null,
      interval: snap.interval ?? before?.interval ?? null,
      status: snap.status,
      current_period_end: snap.currentPeriodEnd,
      cancel_at_period_end: snap.cancelAtPeriodEnd,
      ...(settled ? { past_due_since: null, grace_stage: 'none', reminders_sent: 0 } : {}),
    });
    const changed =
      before?.status !== snap.status ||
      before?.plan_id !== (snap.planId ?? before?.plan_id) ||
      before?.cancel_at_period_end !== snap.cancelAtPeriodEnd;
    if (changed)
      await recordAudit(tx, ctx, {
        action: 'billing.subscription_changed',
        targetType: 'subscription',
        targetId: snap.subscriptionId,
        before: before
          ? { status: before.status, plan: before.plan_id, cancelAtPeriodEnd: before.cancel_at_period_end }
          : null,
        after: { status: snap.status, plan: snap.planId, cancelAtPeriodEnd: snap.cancelAtPeriodEnd, provider },
      });
    if (settled && before && before.grace_stage !== 'none')
      await recordAudit(tx, ctx, { action: 'billing.reinstated', targetType: 'workspace', targetId: tenantId });
  });
  forgetBillingRestriction(tenantId);
  if (snap.status === 'canceled') await assignPlan(ctx, { planId: fallbackPlanId(), source: provider });
  else if (snap.planId && PLAN_HOLDING.has(snap.status))
    await assignPlan(ctx, { planId: snap.planId, source: provider });
  if (snap.status === 'past_due') await markPastDue(tenantId, provider);
}

/** A failed payment: the subscription is past due and the grace timeline starts (day 0 reminder). */
export async function markPastDue(tenantId: string, provider: Provider): Promise<void> {
  const started = await withPlatform(async (tx) => {
    const row = await readSubscription(tx, tenantId, true);
    if (row?.past_due_since) return false;
    await writeSubscription(tx, tenantId, provider, {
      status: 'past_due',
      past_due_since: billingNow(),
      grace_stage: 'reminding',
      reminders_sent: 0,
    });
    await recordAudit(tx, systemContext(tenantId, provider), {
      action: 'billing.payment_failed',
      targetType: 'subscription',
      targetId: row?.subscription_id ?? null,
      after: { provider },
    });
    return true;
  });
  if (started) await advanceGraceFor(tenantId, billingNow());
}

/** A payment went through: out of grace at once, restrictions lifted. */
export async function markPaid(tenantId: string, provider: Provider): Promise<void> {
  await withPlatform(async (tx) => {
    const row = await readSubscription(tx, tenantId, true);
    if (!row) return;
    await writeSubscription(tx, tenantId, provider, {
      // A trial's or a renewal's invoice leaves the status as the provider set it; a payment
      // after a failure brings the subscription back.
      status: row.status === 'past_due' || row.status === 'unpaid' ? 'active' : row.status,
      past_due_since: null,
      grace_stage: 'none',
      reminders_sent: 0,
    });
    if (row.past_due_since)
      await recordAudit(tx, systemContext(tenantId, provider), {
        action: 'billing.reinstated',
        targetType: 'workspace',
        targetId: tenantId,
        before: { graceStage: row.grace_stage },
      });
  });
  forgetBillingRestriction(tenantId);
}
