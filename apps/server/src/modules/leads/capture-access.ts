import type { ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';

/**
 * Who may record a lead: the visitor of the conversation (widget form, or the agent's tool in
 * the visitor's turn), a messaging channel, the system; a member or API key chatting (the
 * playground, the chat API) needs `leads.write`. Visitors and channels hold no member
 * permission, so the conversation itself is their credential: callers check it first.
 */
export function assertMayCapture(ctx: ServiceContext): void {
  const { type } = ctx.actor;
  if (type === 'visitor' || type === 'channel' || type === 'system') return;
  assertCan(ctx, 'leads.write');
}
