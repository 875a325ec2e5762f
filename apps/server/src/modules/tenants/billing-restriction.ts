import { TtlCache } from '../../platform/cache/ttl-cache';
import { AppError } from '../../platform/errors';
import { detachedFromTransaction, withPlatform } from '../../platform/tenancy';

/**
 * How far an unpaid workspace is restricted (the billing module's grace timeline writes
 * `billing_subscriptions.grace_stage`): `restricted` refuses members' changes, `widget_stopped`
 * also stops the widget and channels. Read on the request path, cached like the status.
 */
export type BillingRestriction = 'none' | 'restricted' | 'widget_stopped';

const cache = new TtlCache<string, BillingRestriction>({ ttlMs: 5_000, max: 10_000, refreshAheadMs: 1_000 });

const readRestriction = async (tenantId: string): Promise<BillingRestriction> => {
  const { rows } = await withPlatform((tx) =>
    tx.query<{ grace_stage: string }>(`SELECT grace_stage FROM billing_subscriptions WHERE tenant_id = $1`, [tenantId]),
  );
  const stage = rows[0]?.grace_stage;
  return stage === 'restricted' || stage === 'widget_stopped' ? stage : 'none';
};

export async function getBillingRestriction(tenantId: string): Promise<BillingRestriction> {
  return (await cache.read(
    tenantId,
    () => readRestriction(tenantId),
    () => detachedFromTransaction(() => readRestriction(tenantId)),
  ))!;
}

export function forgetBillingRestriction(tenantId?: string): void {
  if (tenantId) cache.delete(tenantId);
  else cache.deleteWhere(() => true);
}

/** 402: the workspace's payment is overdue past its grace period. */
export class PaymentRequiredError extends AppError {
  readonly status = 402;
  constructor(message: string) {
    super('payment_required', message);
  }
}

/** Where changes stay allowed in a restricted workspace: paying is how it gets out. */
const ALWAYS_ALLOWED = /^\/api\/v1\/billing(\/|$)/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Refuses a member's or API key's change in a workspace restricted for an unpaid subscription. */
export async function assertNotPaymentRestricted(tenantId: string, method: string, path: string): Promise<void> {
  if (SAFE_METHODS.has(method) || ALWAYS_ALLOWED.test(path)) return;
  if ((await getBillingRestriction(tenantId)) === 'none') return;
  throw new PaymentRequiredError(
    'The subscription of this workspace is unpaid past its grace period, so changes are paused. ' +
      'The owner can pay on the Billing page; everything works again at once.',
  );
}
