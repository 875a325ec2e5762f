import type { MetaPageCredentials } from '../credentials';
import { splitRendered, toPlainText } from '../format';
import { channelApis, GRAPH_VERSION } from '../settings';
import { callPlatform, PlatformError, retryAfter, type PlatformResponse } from './http';
import type { InboundMessage, PlatformAdapter } from './types';
import { metaSignatureValid, metaVerify } from './whatsapp';

/**
 * Messenger and Instagram speak the same Messenger Platform: a Page's webhook (`object: "page"`
 * or `"instagram"`, `entry[].messaging[]`), answered through the Page's Send API. What differs
 * is set per platform (messenger.ts, instagram.ts).
 */
export interface MetaPageOptions {
  type: 'messenger' | 'instagram';
  label: string;
  /** The webhook's `object` for this platform. */
  object: 'page' | 'instagram';
  /** Longest text of one message. */
  maxText: number;
  /** Whether `sender_action: typing_on` is sent while the answer is written. */
  typing: boolean;
}

/** Graph error codes that mean "too many, later" (app, user, page, Send API limits) or "try again". */
const RETRYABLE_CODES = new Set([1, 2, 4, 17, 32, 613, 1200, 80006]);

interface Messaging {
  sender?: { id?: string };
  recipient?: { id?: string };
  message?: { mid?: string; text?: string; is_echo?: boolean };
}

export function metaPageAdapter(options: MetaPageOptions): PlatformAdapter<MetaPageCredentials> {
  const graphResult = (response: PlatformResponse): any => {
    if (response.status < 300) return response.body;
    const error = (response.body as { error?: { message?: string; code?: number } } | null)?.error;
    const retryable = response.status === 429 || response.status >= 500 || RETRYABLE_CODES.has(error?.code ?? -1);
    throw new PlatformError(
      `${options.label}: ${error?.message ?? `HTTP ${response.status}`}`,
      retryable,
      retryable ? retryAfter(response.headers) : null,
      response.status,
    );
  };
  const page = (credentials: MetaPageCredentials, edge = '') =>
    `${channelApis().metaGraph}/${GRAPH_VERSION}/${encodeURIComponent(credentials.pageId)}${edge}`;
  const sendApi = async (credentials: MetaPageCredentials, json: unknown) =>
    graphResult(
      await callPlatform(page(credentials, '/messages'), {
        headers: { authorization: `Bearer ${credentials.pageAccessToken}` },
        json,
      }),
    );

  return {
    type: options.type,
    verifySubscription: (credentials, request) => metaVerify(credentials.verifyToken, request),
    authenticate: (credentials, request) => metaSignatureValid(credentials.appSecret, request),
    parse(body, credentials) {
      const payload = body as { object?: string; entry?: { id?: string; messaging?: Messaging[] }[] } | null;
      if (payload?.object !== options.object) return [];
      const out: InboundMessage[] = [];
      for (const entry of payload.entry ?? []) {
        // One Meta app may serve several Pages with one callback: this connection answers its own.
        if (options.object === 'page' && entry.id !== credentials.pageId) continue;
        for (const event of entry.messaging ?? []) {
          const message = event.message;
          const sender = event.sender?.id;
          // Echoes are the Page's own messages (ours included): never answer them.
          if (!message?.mid || message.is_echo || !sender || typeof message.text !== 'string') continue;
          out.push({ externalId: message.mid, threadKey: sender, text: message.text, profile: { userId: sender } });
        }
      }
      return out;
    },
    async test(credentials) {
      const found = graphResult(
        await callPlatform(`${page(credentials)}?fields=name`, {
          headers: { authorization: `Bearer ${credentials.pageAccessToken}` },
        }),
      ) as { name?: string; id?: string };
      return `Connected to ${found.name ?? 'the Page'} (${found.id ?? credentials.pageId})`;
    },
    format: (markdown) => splitRendered(markdown, options.maxText, toPlainText),
    async send(credentials, threadKey, text) {
      await sendApi(credentials, { recipient: { id: threadKey }, messaging_type: 'RESPONSE', message: { text } });
    },
    ...(options.typing && {
      async typing(credentials: MetaPageCredentials, threadKey: string) {
        await sendApi(credentials, { recipient: { id: threadKey }, sender_action: 'typing_on' });
      },
    }),
  };
}
