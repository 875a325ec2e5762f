import { z } from './z';

/** `{id}` in a path: an id of ours (prefixed, time-sortable), bounded before any lookup. */
export const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(60)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

/** The answer of a deletion or another action with nothing else to say. */
export const OkResponse = z.object({ ok: z.literal(true) });

/**
 * A page cursor of conversations by latest activity: `<updated_at with microseconds>|<id>`
 * (the server reads it back to the microsecond, which a JS Date would lose).
 */
export const CONVERSATION_CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z)\|(conv_[0-9a-z]{26})$/;
export const conversationCursor = z.string().max(200).regex(CONVERSATION_CURSOR, 'Not a cursor from a previous page');
