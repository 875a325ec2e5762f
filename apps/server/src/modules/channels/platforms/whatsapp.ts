import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WhatsappCredentials } from '../credentials';
import { splitRendered, toWhatsapp } from '../format';
import { channelApis, GRAPH_VERSION } from '../settings';
import { callPlatform, PlatformError, retryAfter, type PlatformResponse } from './http';
import type { InboundMessage, PlatformAdapter, WebhookRequest } from './types';
import {
  downloadWhatsappMedia,
  sendWhatsappFile,
  sendWhatsappTemplate,
  whatsappMedia,
  whatsappStatuses,
} from './whatsapp-extras';

/** The Cloud API's limit for a text message's body. */
export const WHATSAPP_MAX_TEXT = 4096;
/** Graph error codes that mean "too many, later": throttling and pair rate limits. */
const RATE_LIMIT_CODES = new Set([4, 80007, 130429, 131056]);

const node = (credentials: WhatsappCredentials, edge = '') =>
  `${channelApis().metaGraph}/${GRAPH_VERSION}/${encodeURIComponent(credentials.phoneNumberId)}${edge}`;

function graphResult(response: PlatformResponse): any {
  if (response.status < 300) return response.body;
  const error = (response.body as { error?: { message?: string; code?: number } } | null)?.error;
  const retryable = response.status === 429 || response.status >= 500 || RATE_LIMIT_CODES.has(error?.code ?? -1);
  throw new PlatformError(
    `WhatsApp: ${error?.message ?? `HTTP ${response.status}`}`,
    retryable,
    retryable ? retryAfter(response.headers) : null,
    response.status,
  );
}

/** `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the app secret>` (Meta's webhooks). */
export function metaSignatureValid(appSecret: string, request: WebhookRequest): boolean {
  const header = request.headers.get('x-hub-signature-256') ?? '';
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!match) return false;
  const expected = createHmac('sha256', appSecret).update(request.rawBody, 'utf8').digest();
  return timingSafeEqual(Buffer.from(match[1]!, 'hex'), expected);
}

/** Meta's subscription check: `hub.mode=subscribe`, the verify token, and the challenge to echo. */
export function metaVerify(verifyToken: string, request: WebhookRequest): string | null {
  const q = request.query;
  const token = q.get('hub.verify_token') ?? '';
  if (q.get('hub.mode') !== 'subscribe' || token.length !== verifyToken.length) return null;
  if (!timingSafeEqual(Buffer.from(token), Buffer.from(verifyToken))) return null;
  return q.get('hub.challenge');
}

interface Change {
  field?: string;
  value?: {
    metadata?: { phone_number_id?: string };
    contacts?: { wa_id?: string; profile?: { name?: string } }[];
    messages?: ({ id?: string; from?: string; type?: string; text?: { body?: string } } & Parameters<
      typeof whatsappMedia
    >[0])[];
  };
}

export const whatsapp: PlatformAdapter<WhatsappCredentials> = {
  type: 'whatsapp',
  verifySubscription: (credentials, request) => metaVerify(credentials.verifyToken, request),
  authenticate: (credentials, request) => metaSignatureValid(credentials.appSecret, request),
  parse(body) {
    const entries = (body as { object?: string; entry?: { changes?: Change[] }[] })?.entry ?? [];
    const out: InboundMessage[] = [];
    for (const change of entries.flatMap((e) => e.changes ?? [])) {
      if (change.field !== 'messages') continue;
      const contacts = change.value?.contacts ?? [];
      for (const m of change.value?.messages ?? []) {
        const media = whatsappMedia(m);
        if (!m.id || !m.from || ((m.type !== 'text' || typeof m.text?.body !== 'string') && !media)) continue;
        const name = contacts.find((c) => c.wa_id === m.from)?.profile?.name;
        out.push({
          externalId: m.id,
          threadKey: m.from,
          text: media ? media.caption : m.text!.body!,
          profile: { phone: `+${m.from}`, ...(name && { name }) },
          ...(media && { media: media.media }),
        });
      }
    }
    return out;
  },
  async test(credentials) {
    const response = await callPlatform(`${node(credentials)}?fields=display_phone_number,verified_name`, {
      headers: { authorization: `Bearer ${credentials.accessToken}` },
    });
    const number = graphResult(response) as { display_phone_number?: string; verified_name?: string };
    return `Connected to ${number.verified_name ?? 'WhatsApp'} (${number.display_phone_number ?? credentials.phoneNumberId})`;
  },
  format: (markdown) => splitRendered(markdown, WHATSAPP_MAX_TEXT, toWhatsapp),
  statuses: whatsappStatuses,
  downloadMedia: (credentials, media, maxBytes) => downloadWhatsappMedia(credentials, media, maxBytes, graphResult),
  sendFile: (credentials, threadKey, file) => sendWhatsappFile(credentials, threadKey, file, node, graphResult),
  sendTemplate: (credentials, threadKey, template) =>
    sendWhatsappTemplate(credentials, threadKey, template, node, graphResult),
  async send(credentials, threadKey, text) {
    const sent = graphResult(
      await callPlatform(node(credentials, '/messages'), {
        headers: { authorization: `Bearer ${credentials.accessToken}` },
        json: {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: threadKey,
          type: 'text',
          text: { preview_url: false, body: text },
        },
      }),
    ) as { messages?: { id?: string }[] };
    return sent?.messages?.[0]?.id;
  },
};
