import { z } from 'zod';
import { reactionData, type EventReaction } from '../../platform/events';
import { defineJob } from '../../platform/jobs';
import { clearContactRequest } from './contact';
import { routeHandoff, routeWaiting } from './routing';

/** Every hand-off is routed once: auto-assigned, or mailed to on-duty members. */
export const routeHandoffJob = defineJob({
  name: 'inbox.route-handoff',
  data: reactionData,
  async handler({ tenantId, payload }) {
    if (typeof payload.conversationId === 'string') await routeHandoff(tenantId, payload.conversationId);
  },
});

export const routeWaitingJob = defineJob({
  name: 'inbox.route-waiting',
  data: z.object({ tenantId: z.string() }),
  async handler({ tenantId }) {
    await routeWaiting(tenantId);
  },
});

/** A visitor asked for contact details left them (a lead on the conversation): stop asking. */
export const contactReceivedJob = defineJob({
  name: 'inbox.contact-received',
  data: reactionData,
  async handler({ tenantId, payload }) {
    if (typeof payload.conversationId === 'string')
      await clearContactRequest(tenantId, payload.conversationId, String(payload.leadId ?? ''));
  },
});

export const inboxReactions: EventReaction[] = [
  { event: 'conversation.handoff_requested', job: routeHandoffJob },
  { event: 'lead.created', job: contactReceivedJob },
];
