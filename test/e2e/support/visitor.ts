import type { Page } from 'playwright-core';
import { parseEventStream } from '../../support/event-stream';

/**
 * A visitor's side driven from its own browser context: the page (on the server's origin)
 * calls the REST API with an API key, as a website integration would, and keeps the
 * conversation's event stream open with fetch, keeping its raw text in `window.__sse`.
 */
export interface VisitorEvent {
  event: string;
  id?: string;
  data: any;
}

export async function openVisitor(page: Page, url: string, apiKey: string, agentId: string): Promise<string> {
  await page.goto(`${url}/healthz`);
  return page.evaluate(
    async ({ apiKey, agentId }) => {
      const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
      const created = await fetch('/api/v1/conversations', {
        method: 'POST',
        headers,
        body: JSON.stringify({
          agentId,
          channel: 'widget',
          metadata: { name: 'Vera Visitor', page: 'https://shop.example/help' },
        }),
      });
      const { conversation } = (await created.json()) as { conversation: { id: string } };
      const w = globalThis as unknown as { __sse: string; __key: string };
      w.__sse = '';
      w.__key = apiKey;
      void (async () => {
        const response = await fetch(`/api/v1/conversations/${conversation.id}/events`, {
          headers: { authorization: `Bearer ${apiKey}`, accept: 'text/event-stream' },
        });
        const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          w.__sse += value;
        }
      })();
      return conversation.id as string;
    },
    { apiKey, agentId },
  );
}

/** The visitor writes; resolves with the answer (the `done` JSON). */
export function visitorSays(page: Page, conversationId: string, content: string): Promise<any> {
  return page.evaluate(
    async ({ conversationId, content }) => {
      const key = (globalThis as unknown as { __key: string }).__key;
      const response = await fetch(`/api/v1/conversations/${conversationId}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ content }),
      });
      return response.json();
    },
    { conversationId, content },
  );
}

/** The visitor's events so far: the page keeps the raw stream, read here with the tests' one parser. */
export async function visitorEvents(page: Page): Promise<VisitorEvent[]> {
  const text = await page.evaluate(() => (globalThis as unknown as { __sse: string }).__sse);
  return parseEventStream(text).filter((frame): frame is VisitorEvent => Boolean(frame.event));
}

/** Waits until the visitor's stream has an event matching the predicate (given as a function source). */
export async function waitForVisitorEvent(
  page: Page,
  predicate: (e: VisitorEvent) => boolean,
  ms = 10_000,
): Promise<VisitorEvent> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = (await visitorEvents(page)).find(predicate);
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(
        `visitor never saw the event; got ${JSON.stringify((await visitorEvents(page)).map((e) => [e.event, e.data?.status ?? e.data?.role]))}`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}
