import { z } from 'zod';
import { httpUrl } from './shapes';

/** Outbound connections: messaging platforms, webhooks and the egress guard. */
export const integrationsShape = {
  /** Messaging platforms' API addresses: set for a proxy, or a local peer in tests. */
  TELEGRAM_API_URL: httpUrl('https://api.telegram.org'),
  META_GRAPH_API_URL: httpUrl('https://graph.facebook.com'),
  SLACK_API_URL: httpUrl('https://slack.com/api'),
  WEBHOOK_ENDPOINT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /**
   * Private ranges that user-supplied URLs may reach anyway (comma-separated CIDRs,
   * e.g. an intranet docs host). Everything private is refused by default.
   */
  EGRESS_ALLOW_CIDRS: z
    .string()
    .optional()
    .transform((value) =>
      value
        ? value
            .split(',')
            .map((part) => part.trim())
            .filter(Boolean)
        : [],
    )
    .pipe(z.array(z.string().regex(/^[0-9a-fA-F.:]+\/\d{1,3}$/, 'must be comma-separated CIDRs like 10.1.0.0/16'))),
};
