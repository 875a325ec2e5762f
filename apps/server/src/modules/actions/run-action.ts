import { guardedFetch, isEgressError } from '../../platform/egress';
import { fillBody, fillHeader, fillUrl, type TemplateValues } from './templates';
import { openHeader } from './secrets';
import type { ActionRow } from './schema';

/** How long the endpoint has to answer, all of it (a visitor is waiting for the reply). */
export const ACTION_TIMEOUT_MS = 10_000;
/** The kept output, serialised, that reaches the model and the records. */
const OUTPUT_CHARS = 4000;

export interface ActionRun {
  request: { method: string; url: string; body: string | null };
  status: number | null;
  output: unknown;
  error: string | null;
  durationMs: number;
}

/** The filled request, without secret header values: what the visitor and the logs may see. */
export function fillRequest(row: ActionRow, values: TemplateValues): ActionRun['request'] {
  return {
    method: row.method,
    url: fillUrl(row.url, values),
    body: row.bodyTemplate === null || row.method === 'GET' ? null : fillBody(row.bodyTemplate, values),
  };
}

function pick(value: unknown, path: string): unknown {
  let at: unknown = value;
  for (const key of path.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = Array.isArray(at) && /^\d+$/.test(key) ? at[Number(key)] : (at as Record<string, unknown>)[key];
  }
  return at;
}

/** The fields to keep (all when none are named), within the output limit. */
export function keptOutput(body: Buffer, keep: readonly string[]): unknown {
  const text = body.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text.slice(0, OUTPUT_CHARS);
  }
  const kept = keep.length ? Object.fromEntries(keep.map((path) => [path, pick(parsed, path) ?? null])) : parsed;
  const serialised = JSON.stringify(kept);
  return serialised.length <= OUTPUT_CHARS ? kept : serialised.slice(0, OUTPUT_CHARS);
}

/**
 * One call: through the egress guard (every address checked, no redirects: a request with a
 * secret header has no business elsewhere), within the time limit and the response size cap.
 */
export async function runAction(tenantId: string, row: ActionRow, values: TemplateValues): Promise<ActionRun> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  let request: ActionRun['request'];
  const headers: Record<string, string> = { 'user-agent': 'Switchboard-Actions/1', accept: 'application/json' };
  try {
    request = fillRequest(row, values);
    for (const header of row.headers) {
      headers[header.name.toLowerCase()] = header.secret
        ? openHeader(tenantId, row.id, header.name, header.valueEnc ?? '')
        : fillHeader(header.value ?? '', values);
    }
  } catch (error) {
    return {
      request: { method: row.method, url: row.url, body: null },
      status: null,
      output: null,
      error: (error as Error).message,
      durationMs: took(),
    };
  }
  if (request.body !== null) headers['content-type'] ??= 'application/json';
  try {
    const response = await guardedFetch(request.url, {
      method: row.method,
      headers,
      ...(request.body !== null && { body: request.body }),
      redirect: 'error',
      throwHttpErrors: false,
      timeoutMs: ACTION_TIMEOUT_MS,
      maxBytes: row.maxResponseBytes,
    });
    const ok = response.status >= 200 && response.status < 300;
    return {
      request,
      status: response.status,
      output: keptOutput(response.body, ok ? row.keep : []),
      error: ok ? null : `The endpoint answered HTTP ${response.status}.`,
      durationMs: took(),
    };
  } catch (error) {
    const message = isEgressError(error) ? error.message : `The request failed: ${(error as Error).message}`;
    return { request, status: null, output: null, error: message.slice(0, 500), durationMs: took() };
  }
}
