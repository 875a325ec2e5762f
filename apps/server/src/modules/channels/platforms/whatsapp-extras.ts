import type { WhatsappCredentials } from '../credentials';
import type { ChannelMedia, ChannelTemplateSend } from '../schema';
import { channelApis, GRAPH_VERSION, PLATFORM_TIMEOUT_MS } from '../settings';
import { downloadCapped, MediaTooLargeError } from './download';
import { callPlatform, PlatformError, type PlatformResponse } from './http';
import type { DeliveryStatus, OutgoingFile } from './types';

/**
 * WhatsApp Cloud API beyond text: media in (GET the media id → a short-lived URL → the bytes,
 * both with the access token), media out (upload to /media, send by id), templates, and the
 * delivery statuses Meta posts to the same webhook.
 */
type Graph = (credentials: WhatsappCredentials, edge?: string) => string;
type GraphResult = (response: PlatformResponse) => any;

const bearer = (credentials: WhatsappCredentials) => ({ authorization: `Bearer ${credentials.accessToken}` });

/**
 * Where a media URL may point: Meta's own hosts over HTTPS, or the configured Graph address
 * (a proxy or a test peer). The access token goes with the request, so never elsewhere.
 */
export function mediaUrlAllowed(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.origin === new URL(channelApis().metaGraph).origin) return true;
  return parsed.protocol === 'https:' && /(^|\.)(fbsbx\.com|facebook\.com|whatsapp\.net)$/.test(parsed.hostname);
}

export async function downloadWhatsappMedia(
  credentials: WhatsappCredentials,
  media: ChannelMedia,
  maxBytes: number,
  graphResult: GraphResult,
): Promise<Uint8Array> {
  const url = `${channelApis().metaGraph}/${GRAPH_VERSION}/${encodeURIComponent(media.ref)}?phone_number_id=${encodeURIComponent(credentials.phoneNumberId)}`;
  const info = graphResult(await callPlatform(url, { headers: bearer(credentials) })) as {
    url?: string;
    file_size?: number;
  };
  if (!info?.url || !mediaUrlAllowed(info.url))
    throw new PlatformError('WhatsApp: the media address is not Meta’s', false);
  if ((info.file_size ?? 0) > maxBytes) throw new MediaTooLargeError(maxBytes);
  return downloadCapped(info.url, bearer(credentials), maxBytes);
}

const sentId = (body: unknown): string | undefined =>
  (body as { messages?: { id?: string }[] } | null)?.messages?.[0]?.id;

async function sendMessage(
  credentials: WhatsappCredentials,
  threadKey: string,
  message: Record<string, unknown>,
  node: Graph,
  graphResult: GraphResult,
): Promise<string | undefined> {
  const json = { messaging_product: 'whatsapp', recipient_type: 'individual', to: threadKey, ...message };
  return sentId(
    graphResult(await callPlatform(node(credentials, '/messages'), { headers: bearer(credentials), json })),
  );
}

export async function sendWhatsappFile(
  credentials: WhatsappCredentials,
  threadKey: string,
  file: OutgoingFile,
  node: Graph,
  graphResult: GraphResult,
): Promise<string | undefined> {
  const form = new FormData();
  form.set('messaging_product', 'whatsapp');
  form.set('type', file.mediaType);
  form.set('file', new Blob([file.bytes], { type: file.mediaType }), file.name);
  let response: Response;
  try {
    response = await fetch(node(credentials, '/media'), {
      method: 'POST',
      headers: bearer(credentials),
      body: form,
      redirect: 'error',
      signal: AbortSignal.timeout(PLATFORM_TIMEOUT_MS),
    });
  } catch (error) {
    throw new PlatformError(`The platform could not be reached (${(error as Error).name})`, true);
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  const uploaded = graphResult({ status: response.status, headers: response.headers, body }) as { id?: string };
  if (!uploaded?.id) throw new PlatformError('WhatsApp: the upload returned no media id', true);
  const type = file.kind === 'image' ? 'image' : 'document';
  const media = {
    id: uploaded.id,
    ...(file.caption && { caption: file.caption.slice(0, 1024) }),
    ...(type === 'document' && { filename: file.name }),
  };
  return sendMessage(credentials, threadKey, { type, [type]: media }, node, graphResult);
}

export function sendWhatsappTemplate(
  credentials: WhatsappCredentials,
  threadKey: string,
  template: ChannelTemplateSend,
  node: Graph,
  graphResult: GraphResult,
): Promise<string | undefined> {
  const components = template.parameters.length
    ? [{ type: 'body', parameters: template.parameters.map((text) => ({ type: 'text', text })) }]
    : [];
  return sendMessage(
    credentials,
    threadKey,
    { type: 'template', template: { name: template.name, language: { code: template.language }, components } },
    node,
    graphResult,
  );
}

interface StatusChange {
  field?: string;
  value?: {
    statuses?: {
      id?: string;
      status?: string;
      timestamp?: string;
      errors?: { code?: number; title?: string; message?: string; error_data?: { details?: string } }[];
    }[];
  };
}

const STATUSES = new Set(['sent', 'delivered', 'read', 'failed']);

/** `statuses[]` of a messages webhook: what became of the messages Switchboard sent. */
export function whatsappStatuses(body: unknown): DeliveryStatus[] {
  const entries = (body as { entry?: { changes?: StatusChange[] }[] })?.entry ?? [];
  const out: DeliveryStatus[] = [];
  for (const change of entries.flatMap((e) => e.changes ?? [])) {
    if (change.field !== 'messages') continue;
    for (const s of change.value?.statuses ?? []) {
      if (!s.id || !s.status || !STATUSES.has(s.status)) continue;
      const seconds = Number(s.timestamp);
      const error = s.errors?.[0];
      out.push({
        platformMessageId: s.id,
        status: s.status as DeliveryStatus['status'],
        at: Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : new Date(),
        ...(error && {
          error: `WhatsApp: ${error.error_data?.details ?? error.message ?? error.title ?? 'not delivered'} (${error.code ?? '?'})`,
        }),
      });
    }
  }
  return out;
}

/** `messages[]` of type image, document or audio: the media reference and its caption. */
export function whatsappMedia(message: {
  type?: string;
  image?: { id?: string; mime_type?: string; caption?: string };
  document?: { id?: string; mime_type?: string; caption?: string; filename?: string };
  audio?: { id?: string; mime_type?: string; voice?: boolean };
}): { media: ChannelMedia; caption: string } | null {
  const kind =
    message.type === 'image'
      ? 'image'
      : message.type === 'document'
        ? 'document'
        : message.type === 'audio'
          ? 'audio'
          : null;
  if (!kind) return null;
  const part = message[kind];
  if (!part?.id) return null;
  const name =
    kind === 'document'
      ? (message.document?.filename ?? 'document')
      : kind === 'image'
        ? 'image.jpg'
        : message.audio?.voice
          ? 'voice-note.ogg'
          : 'audio.ogg';
  return {
    media: { kind, ref: part.id, name, ...(part.mime_type && { mimeType: part.mime_type }) },
    caption: ('caption' in part && part.caption) || '',
  };
}
