import { randomBytes } from 'node:crypto';
import {
  metaPageCredentials,
  slackCredentials,
  telegramCredentials,
  whatsappCredentials,
  type ChannelType,
} from '@switchboard/contract/channels';
import { secrets } from '../../platform/crypto';
import { ValidationError } from '../../platform/errors';

export type TelegramCredentials = { botToken: string; webhookSecret: string };
export type WhatsappCredentials = {
  phoneNumberId: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
  /** The WhatsApp Business Account: where the message templates are listed. */
  businessAccountId?: string;
};
export type SlackCredentials = { botToken: string; signingSecret: string };
/** Messenger and Instagram: a Facebook Page (and the Instagram account linked to it). */
export type MetaPageCredentials = { pageId: string; pageAccessToken: string; appSecret: string; verifyToken: string };
export type Credentials = TelegramCredentials | WhatsappCredentials | SlackCredentials | MetaPageCredentials;

const SCHEMAS = {
  telegram: telegramCredentials,
  whatsapp: whatsappCredentials,
  slack: slackCredentials,
  messenger: metaPageCredentials,
  instagram: metaPageCredentials,
} as const;

/** Telegram's secret_token alphabet (1–256 of A-Z a-z 0-9 _ -). */
const newToken = () => randomBytes(24).toString('base64url');

/**
 * A type's credentials checked, with what Switchboard adds itself: the secret Telegram echoes
 * on every update (set by our setWebhook), WhatsApp's (and Messenger's, Instagram's) verify token when none was chosen.
 */
export function parseCredentials(type: ChannelType, raw: unknown): Credentials {
  const parsed = SCHEMAS[type].safeParse(raw);
  if (!parsed.success)
    throw new ValidationError(
      'These credentials are not valid.',
      parsed.error.issues.map((i) => ({ path: ['credentials', ...i.path].join('.'), message: i.message })),
    );
  if (type === 'telegram') return { ...(parsed.data as { botToken: string }), webhookSecret: newToken() };
  if (type === 'slack') return parsed.data as SlackCredentials;
  const data = parsed.data as Omit<WhatsappCredentials | MetaPageCredentials, 'verifyToken'> & { verifyToken?: string };
  return { ...data, verifyToken: data.verifyToken ?? newToken() } as Credentials;
}

// The associated data binds a ciphertext to its workspace and connection: copied elsewhere, it won't decrypt.
const aad = (tenantId: string, id: string) => `channel:${tenantId}:${id}`;

export const sealCredentials = (tenantId: string, id: string, value: Credentials) =>
  secrets().encrypt(JSON.stringify(value), aad(tenantId, id));

export function openCredentials<T extends Credentials>(tenantId: string, id: string, sealed: string): T {
  return JSON.parse(secrets().decrypt(sealed, aad(tenantId, id))) as T;
}

/** What the dashboard shows: ids in full, secrets as their last four characters. */
export function maskCredentials(value: Credentials): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, secret] of Object.entries(value)) {
    if (key === 'webhookSecret' || key === 'verifyToken') continue;
    out[key] =
      key === 'phoneNumberId' || key === 'pageId' || key === 'businessAccountId' ? secret : `••••${secret.slice(-4)}`;
  }
  return out;
}
