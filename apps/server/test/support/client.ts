import fs from 'node:fs';
import path from 'node:path';
import { createHmac } from 'node:crypto';
import { provisionUser } from '../../src/modules/accounts';
import type { TestRuntime } from './runtime';

/**
 * An HTTP client for one person: keeps cookies like a browser, sends the app's Origin (the
 * server checks it on cookie requests), and optionally a workspace.
 */
export class TestClient {
  readonly cookies = new Map<string, string>();
  workspaceId: string | null = null;

  constructor(
    readonly rt: TestRuntime,
    readonly bearer?: string,
  ) {}

  get origin(): string {
    return this.rt.runtime.config.appUrl;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  sessionToken(): string | undefined {
    return this.cookies.get('switchboard.session_token');
  }

  async fetch(pathOrUrl: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (!headers.has('origin')) headers.set('origin', this.origin);
    if (this.cookies.size) headers.set('cookie', this.cookieHeader());
    if (this.bearer) headers.set('authorization', `Bearer ${this.bearer}`);
    if (this.workspaceId && !headers.has('x-workspace-id')) headers.set('x-workspace-id', this.workspaceId);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    const url = pathOrUrl.startsWith('http')
      ? pathOrUrl.replace(this.origin, this.rt.url)
      : `${this.rt.url}${pathOrUrl}`;
    const response = await fetch(url, { ...init, headers, body, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(';');
      const [name, ...value] = pair!.split('=');
      const expired = attributes.some((a) => /max-age=0/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired || value.join('=') === '') this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join('='));
    }
    return response;
  }

  async json<T = any>(
    pathOrUrl: string,
    init: RequestInit & { json?: unknown } = {},
  ): Promise<{ status: number; body: T }> {
    const response = await this.fetch(pathOrUrl, init);
    const text = await response.text();
    // Not every route answers JSON (a file download): such a body is given as text.
    let body: unknown = undefined;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return { status: response.status, body: body as T };
  }

  post<T = any>(p: string, json: unknown = {}) {
    return this.json<T>(p, { method: 'POST', json });
  }

  async signIn(email: string, password: string): Promise<{ status: number; body: any }> {
    return this.post('/api/auth/sign-in/email', { email, password });
  }
}

/** Decodes the text part of an .eml written by the mailer (quoted-printable aware). */
export function mailText(raw: string): string {
  const unfolded = raw.replace(/=\r?\n/g, '');
  return unfolded.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

export interface Mail {
  file: string;
  to: string;
  subject: string;
  text: string;
  links: string[];
}

function readMail(file: string): Mail {
  const text = mailText(fs.readFileSync(file, 'utf8'));
  return {
    file,
    to: /^To: (.+)$/m.exec(text)?.[1]?.trim() ?? '',
    subject: /^Subject: (.+)$/m.exec(text)?.[1]?.trim() ?? '',
    text,
    links: [...new Set(text.match(/https?:\/\/[^\s<>"')]+/g) ?? [])],
  };
}

/** Waits for a mail to `to` whose subject matches, newer than `after` (ms). */
export async function waitForMail(rt: TestRuntime, to: string, subject: RegExp, after = 0, ms = 10_000): Promise<Mail> {
  const dir = path.join(rt.runtime.config.dataDir, 'mail');
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (fs.existsSync(dir)) {
      const mails = fs
        .readdirSync(dir)
        .map((name) => path.join(dir, name))
        .filter((file) => fs.statSync(file).mtimeMs >= after)
        .map(readMail)
        .filter((mail) => mail.to.includes(to) && subject.test(mail.subject));
      if (mails.length) return mails.at(-1)!;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`No mail to ${to} matching ${subject} within ${ms} ms`);
}

let counter = 0;
/** A unique address per call, so tests sharing a runtime never collide. */
export const uniqueEmail = (label: string) => `${label}-${Date.now().toString(36)}-${counter++}@example.test`;

export const PASSWORD = 'correct horse battery staple';

/** A verified person with a password, signed in on a fresh client. */
export async function signedInUser(
  rt: TestRuntime,
  label = 'user',
): Promise<{ client: TestClient; email: string; userId: string }> {
  const email = uniqueEmail(label);
  const { id } = await provisionUser({ email, name: label, password: PASSWORD });
  const client = new TestClient(rt);
  const { status } = await client.signIn(email, PASSWORD);
  if (status !== 200) throw new Error(`sign-in failed with ${status}`);
  return { client, email, userId: id };
}

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s), as authenticator apps compute it. */
export function totp(secretBase32: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of secretBase32.replace(/=+$/, '').toUpperCase())
    bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => Number.parseInt(b, 2)));
  const counterBuffer = Buffer.alloc(8);
  counterBuffer.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const hmac = createHmac('sha1', key).update(counterBuffer).digest();
  const offset = hmac[hmac.length - 1]! & 0xf;
  const code = (hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, '0');
}
