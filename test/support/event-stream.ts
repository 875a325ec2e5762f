import { createParser } from 'eventsource-parser';

/**
 * The tests' one reader of `text/event-stream` bodies, on the same parser the clients use
 * (eventsource-parser), so a test never disagrees with the dashboard or the widget about line
 * endings, comments or multi-line data. Frames with JSON data only (every stream we serve).
 */
export interface StreamFrame {
  /** Absent on a data-only frame (the standard's default `message` type). */
  event?: string;
  id?: string;
  data: any;
}

/** A push parser: feed it text as it arrives; complete frames go to `onFrame`. */
export function frameParser(onFrame: (frame: StreamFrame) => void): { feed(text: string): void } {
  const parser = createParser({
    onEvent: (message) => onFrame({ event: message.event, id: message.id, data: JSON.parse(message.data) }),
  });
  return { feed: (text) => parser.feed(text) };
}

/** Every frame of a whole stream body already read as text. */
export function parseEventStream(text: string): StreamFrame[] {
  const frames: StreamFrame[] = [];
  frameParser((frame) => frames.push(frame)).feed(text);
  return frames;
}
