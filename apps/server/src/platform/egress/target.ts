import net from 'node:net';
import { EgressError } from './errors';

export interface Target {
  url: URL;
  /** The host without IPv6 brackets: what DNS or the socket is given. */
  host: string;
  /** True when the host is an IP literal, which is checked as is and never resolved. */
  literal: boolean;
}

/**
 * Parses with the WHATWG URL parser, the same one browsers and Node's http client use, so
 * `http://2130706433/`, `http://0x7f000001/`, `http://0177.0.0.1/` and `http://127.1/` all
 * come out as 127.0.0.1 before any check: what is checked is what would be connected to.
 */
export function parseTarget(raw: string, base?: string): Target {
  let url: URL;
  try {
    url = base === undefined ? new URL(raw) : new URL(raw, base);
  } catch {
    throw new EgressError('bad_url', raw, `"${truncate(raw)}" is not a valid URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EgressError(
      'unsupported_scheme',
      url.href,
      `Only http and https URLs can be fetched, not ${url.protocol.slice(0, -1)}.`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new EgressError(
      'bad_url',
      redact(url),
      'URLs with a user name or password are not accepted; use headers for credentials.',
    );
  }
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (host === '') throw new EgressError('bad_url', url.href, `"${truncate(raw)}" has no host.`);
  url.hash = '';
  return { url, host, literal: net.isIP(host) !== 0 };
}

function truncate(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function redact(url: URL): string {
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}
