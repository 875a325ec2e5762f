import type { PlatformEvent } from '../../platform/events';
import type { RealtimeItem, RealtimeStreamOptions } from '../../platform/realtime';
import type { ServiceContext } from '../../platform/tenancy';
import { conversationStream } from '../chat';
import { forVisitor, VISITOR_ROLES } from './visitor-view';

export { VISITOR_ROLES, visitorMessage } from './visitor-view';

/** The chat module's conversation stream, narrowed to what the visitor may see. */
export function visitorStream(
  ctx: ServiceContext,
  conversationId: string,
): Pick<RealtimeStreamOptions, 'replay' | 'select'> {
  const base = conversationStream(ctx, conversationId, { visibleRoles: VISITOR_ROLES });
  return {
    async replay(after) {
      return (await base.replay(after))
        .map((item) => forVisitor(item))
        .filter((item): item is RealtimeItem => item !== null);
    },
    async select(event: PlatformEvent) {
      return forVisitor(await base.select(event));
    },
  };
}
