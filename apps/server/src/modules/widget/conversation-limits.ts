import type { Redis } from 'ioredis';
import type { Config } from '../../platform/config';
import { LimitExceededError } from '../../platform/errors';
import { addressBucket } from '../../platform/http/address-bucket';
import { createRateLimiter } from '../../platform/ratelimit';
import { reportSecurityEvent } from '../../platform/security-events';

/** Admits a new widget conversation, or throws 429 `too_many_conversations`. */
export type AdmitConversation = (visitor: { tenantId: string; visitorId: string; ip: string }) => Promise<void>;

/**
 * New conversations per visitor and per client address, each an hour's budget. Every new
 * conversation can be handed to the team (a queue entry, mail), and a visitor id is free to
 * mint, so the address is what holds a script back; the visitor's own budget keeps one
 * browser from filling the address's for everyone behind it. Counted in Redis when there is one.
 */
export function conversationLimits(config: Config, redis: Redis | null): AdmitConversation {
  const perVisitor = createRateLimiter(
    { name: 'widget-conversations-visitor', points: config.WIDGET_CONVERSATION_LIMIT_PER_HOUR, windowSeconds: 3600 },
    redis,
  );
  const perAddress = createRateLimiter(
    { name: 'widget-conversations-ip', points: config.WIDGET_IP_CONVERSATION_LIMIT_PER_HOUR, windowSeconds: 3600 },
    redis,
  );
  return async ({ tenantId, visitorId, ip }) => {
    const checks = [
      { limiter: perVisitor, key: `${tenantId}:${visitorId}`, who: 'this visitor' },
      { limiter: perAddress, key: addressBucket(ip), who: 'this network address' },
    ];
    for (const { limiter, key, who } of checks) {
      const decision = await limiter.consume(key);
      if (decision.allowed) continue;
      reportSecurityEvent({ kind: 'rate_limited', ip, detail: { limiter: 'widget-conversations', scope: who } });
      throw new LimitExceededError(
        `Too many new conversations from ${who}: ${decision.limit} an hour are allowed. Continue the current conversation, or try again later.`,
        decision.resetSeconds,
        'too_many_conversations',
        { limit: decision.limit },
      );
    }
  };
}
