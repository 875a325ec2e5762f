/** What a realtime stream sends: `id` only on items a client may resume after (stored messages). */
export interface RealtimeItem {
  event: string;
  data: unknown;
  id?: string;
}

const encoder = new TextEncoder();
const encoded = new WeakMap<RealtimeItem, Uint8Array>();

export const RETRY_FRAME = encoder.encode('retry: 2000\n\n');
export const KEEP_ALIVE_FRAME = encoder.encode(': keep-alive\n\n');

/**
 * One item's SSE frame, encoded once: when many streams send the same item object (a
 * selector that shares items per event), they enqueue the same bytes instead of each
 * serializing and encoding it — at thousands of streams per event that is most of the work
 * and most of the garbage. JSON has no raw line breaks, so the data is one line.
 */
export function frameOf(item: RealtimeItem): Uint8Array {
  let bytes = encoded.get(item);
  if (!bytes) {
    if (/[\r\n]/.test(item.event) || (item.id && /[\r\n]/.test(item.id)))
      throw new Error('SSE event names and ids must not contain line breaks');
    bytes = encoder.encode(
      `event: ${item.event}\ndata: ${JSON.stringify(item.data)}\n${item.id ? `id: ${item.id}\n` : ''}\n`,
    );
    encoded.set(item, bytes);
  }
  return bytes;
}
