import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openEventStream, type StreamEvent } from './event-stream';

/** A local SSE server whose every connection is answered by the next script in line. */
async function sseServer(scripts: Array<(res: ServerResponse) => void>) {
  const requests: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    requests.push(req.headers);
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    (scripts[requests.length - 1] ?? (() => undefined))(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`, requests, server };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(check()).toBe(true);
};

let cleanup: Array<() => void> = [];
afterEach(() => {
  cleanup.forEach((fn) => fn());
  cleanup = [];
});

describe('openEventStream', () => {
  it("reads CR and CRLF line ends, waits the server's retry, and resumes after the last id", async () => {
    const { url, requests, server } = await sseServer([
      (res) => res.end('retry: 20\r\revent: ping\rdata: {"n":1}\rid: evt_1\r\r'),
      (res) => res.write('event: ping\r\ndata: {"n":2}\r\n\r\n'),
    ]);
    const events: StreamEvent[] = [];
    let opened = 0;
    let down = 0;
    const close = openEventStream(url, {
      workspaceId: 'ws_1',
      onEvent: (e) => events.push(e),
      onOpen: () => opened++,
      onDown: () => down++,
    });
    cleanup.push(
      close,
      () => server.closeAllConnections(),
      () => server.close(),
    );
    await until(() => events.length === 2);
    expect(events).toEqual([
      { event: 'ping', data: { n: 1 }, id: 'evt_1' },
      { event: 'ping', data: { n: 2 } },
    ]);
    expect([opened, down]).toEqual([2, 1]);
    expect(requests.map((h) => [h['x-workspace-id'], h['last-event-id']])).toEqual([
      ['ws_1', undefined],
      ['ws_1', 'evt_1'],
    ]);
  });
});
