/** One server-sent event. */
export interface SseFrame {
  event: string;
  data: string;
  id?: string;
}

/**
 * Reads a text/event-stream response body frame by frame (fetch, not EventSource: the
 * visitor token travels in a header, and reconnecting is ours to decide).
 */
export async function readSse(response: Response, onFrame: (frame: SseFrame) => void): Promise<void> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const frame: SseFrame = { event: 'message', data: '' };
      const data: string[] = [];
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        if (colon === 0) continue;
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') frame.event = value;
        else if (field === 'data') data.push(value);
        else if (field === 'id') frame.id = value;
      }
      if (data.length) {
        frame.data = data.join('\n');
        onFrame(frame);
      }
    }
  }
}
