import type { Config } from '../../platform/config';
import { getTenantPlan } from '../tenants';

type LimitConfig = Pick<Config, 'KNOWLEDGE_MAX_UPLOAD_BYTES' | 'KNOWLEDGE_UPLOAD_LIMITS_BY_PLAN'>;

/** The largest upload any plan allows: the upload route's own body limit. */
export function largestUploadLimit(config: LimitConfig): number {
  return Math.max(config.KNOWLEDGE_MAX_UPLOAD_BYTES, ...Object.values(config.KNOWLEDGE_UPLOAD_LIMITS_BY_PLAN));
}

/** A workspace's upload cap: its plan's, or KNOWLEDGE_MAX_UPLOAD_BYTES for a plan without one. */
export async function uploadLimitFor(config: LimitConfig, tenantId: string): Promise<number> {
  const plan = await getTenantPlan(tenantId);
  return (plan && config.KNOWLEDGE_UPLOAD_LIMITS_BY_PLAN[plan]) || config.KNOWLEDGE_MAX_UPLOAD_BYTES;
}
