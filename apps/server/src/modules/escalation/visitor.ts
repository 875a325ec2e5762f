import type { VipRule } from './settings-schema';

/** Who the visitor says they are, from conversation metadata (`email`, or `visitor.email`, …). */
export interface VisitorIdentity {
  name: string | null;
  email: string | null;
  phone: string | null;
  page: string | null;
  userAgent: string | null;
  locale: string | null;
}

const str = (value: unknown, max = 500) =>
  typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : null;

export function visitorIdentity(metadata: Record<string, unknown>): VisitorIdentity {
  const nested =
    metadata.visitor && typeof metadata.visitor === 'object' ? (metadata.visitor as Record<string, unknown>) : {};
  // The widget's `identify` call (the site's signed-in user): name and email.
  const identified =
    metadata.identity && typeof metadata.identity === 'object' ? (metadata.identity as Record<string, unknown>) : {};
  const pick = (...keys: string[]) => {
    for (const key of keys) {
      const value = str(metadata[key]) ?? str(nested[key]) ?? str(identified[key]);
      if (value) return value;
    }
    return null;
  };
  return {
    name: pick('name', 'visitorName'),
    email: pick('email', 'visitorEmail')?.toLowerCase() ?? null,
    phone: pick('phone'),
    page: pick('page', 'pageUrl', 'url', 'referrer'),
    userAgent: pick('userAgent', 'browser'),
    locale: pick('locale', 'language'),
  };
}

/** A VIP by email domain (subdomains included) or by a metadata field. */
export function isVip(
  rule: VipRule,
  metadata: Record<string, unknown>,
  email: string | null = visitorIdentity(metadata).email,
): boolean {
  const domain = email?.split('@')[1];
  if (domain && rule.emailDomains.some((d) => domain === d || domain.endsWith(`.${d}`))) return true;
  if (!rule.metadataKey) return false;
  const nested =
    metadata.visitor && typeof metadata.visitor === 'object' ? (metadata.visitor as Record<string, unknown>) : {};
  const value = metadata[rule.metadataKey] ?? nested[rule.metadataKey];
  if (value === undefined || value === null || value === false || value === '') return false;
  if (!rule.metadataValues.length) return true;
  return rule.metadataValues.some((v) => v.toLowerCase() === String(value).toLowerCase());
}
