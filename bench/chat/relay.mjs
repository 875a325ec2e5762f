#!/usr/bin/env node
/**
 * The least a chat relay can do, as a floor for the chat benchmark: one Node process that takes
 * a POSTed question, asks the model server for a streamed answer over node:http (as Switchboard
 * does), reads its SSE chunks, and writes each text delta to the client as an SSE `token` event.
 * No database, no auth, no prompt, no metering. What this costs on a machine is what any
 * server-side hop costs there; Switchboard's overhead is read against it.
 *
 * Usage: node relay.mjs <model server base URL>; prints `listening <url>` when ready.
 */
import http from 'node:http';

const upstream = process.argv[2];
if (!upstream) throw new Error('usage: relay.mjs <model server base URL>');
const agent = new http.Agent({ keepAlive: true });

const server = http.createServer(async (req, res) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  const { content } = JSON.parse(body);
  let finished = false;
  const answer = await new Promise((resolve, reject) => {
    const request = http.request(
      `${upstream}/chat/completions`,
      { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' }, agent },
      resolve,
    );
    request.on('error', reject);
    // The client went away: end the model request too (not after a finished one: its socket is pooled).
    res.on('close', () => finished || request.destroy());
    request.end(
      JSON.stringify({
        model: 'gpt-4o-mini',
        stream: true,
        stream_options: { include_usage: true },
        messages: [{ role: 'user', content }],
      }),
    );
  });
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  answer.setEncoding('utf8');
  let buffered = '';
  for await (const text of answer) {
    buffered += text;
    let end;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const event = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const data = event.startsWith('data: ') ? event.slice(6) : '';
      if (!data || data === '[DONE]') continue;
      const delta = JSON.parse(data).choices?.[0]?.delta?.content;
      if (delta) res.write(`event: token\ndata: ${JSON.stringify({ delta })}\n\n`);
    }
  }
  finished = true;
  res.end('event: done\ndata: {}\n\n');
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  console.log(`listening http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
