import { z } from './z';

// Messaging channels: a workspace's accounts on Telegram, WhatsApp, … each answered by one agent.

export const CHANNEL_TYPES = ['telegram', 'whatsapp', 'slack', 'messenger', 'instagram'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

const secret = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `Paste the ${label}`)
    .max(1000)
    .regex(/^[\x21-\x7e]+$/, `The ${label} has no spaces or special characters`);

/** Telegram: the token @BotFather gave (`123456:ABC…`). */
export const telegramCredentials = z
  .object({
    botToken: z
      .string()
      .trim()
      .regex(/^\d{1,20}:[A-Za-z0-9_-]{20,200}$/, 'A bot token looks like 123456789:AAE… (from @BotFather)'),
  })
  .strict();

/** WhatsApp Cloud API: the number's id, a system user's token, the app secret and a verify token of your choice. */
export const whatsappCredentials = z
  .object({
    phoneNumberId: z
      .string()
      .trim()
      .regex(/^\d{1,30}$/, 'The phone number id is the digits shown under API Setup'),
    accessToken: secret('access token'),
    appSecret: secret('app secret'),
    verifyToken: secret('verify token').optional().openapi({
      description: 'What Meta sends back when it verifies the webhook; one is made when left out',
    }),
    businessAccountId: z
      .string()
      .trim()
      .regex(/^\d{1,30}$/, 'The WhatsApp Business Account id is the digits shown under API Setup')
      .optional()
      .openapi({ description: 'Needed to list the approved message templates (replies after 24 hours)' }),
  })
  .strict();

/** An approved WhatsApp message template, as the composer offers it. */
export const ChannelTemplate = z
  .object({
    name: z.string(),
    language: z.string(),
    category: z.string().nullable(),
    /** The body with its variables as {{1}}, {{2}}… */
    body: z.string(),
    parameterCount: z.number().int(),
  })
  .openapi('ChannelTemplate');

export const ChannelTemplatesResponse = z
  .object({
    /** Whether a free-text reply is delivered now (WhatsApp: within 24 hours of the customer's last message). */
    windowOpen: z.boolean(),
    windowClosesAt: z.string().nullable(),
    templates: z.array(ChannelTemplate),
  })
  .openapi('ChannelTemplatesResponse');

export const templateReplyInput = z
  .object({
    name: z.string().trim().min(1).max(512),
    language: z.string().trim().min(2).max(15),
    parameters: z.array(z.string().trim().min(1, 'Fill in every variable').max(1024)).max(20).default([]),
  })
  .strict();

/** Slack: the app's bot token (`xoxb-…`, OAuth & Permissions) and signing secret (Basic Information). */
export const slackCredentials = z
  .object({
    botToken: z
      .string()
      .trim()
      .regex(/^xoxb-[A-Za-z0-9-]{10,250}$/, 'A bot token starts with xoxb- (OAuth & Permissions)'),
    signingSecret: z
      .string()
      .trim()
      .regex(/^[0-9a-f]{16,128}$/i, 'The signing secret is the hex string under Basic Information → App Credentials'),
  })
  .strict();

/** Messenger and Instagram (a Facebook Page and the Instagram account linked to it): the page's id and token, the app secret. */
export const metaPageCredentials = z
  .object({
    pageId: z
      .string()
      .trim()
      .regex(/^\d{1,30}$/, 'The page id is the digits of the Facebook Page (its About section)'),
    pageAccessToken: secret('page access token'),
    appSecret: secret('app secret'),
    verifyToken: secret('verify token').optional().openapi({
      description: 'What Meta sends back when it verifies the webhook; one is made when left out',
    }),
  })
  .strict();

const agentId = z.string().regex(/^agt_[0-9a-z]{26}$/, 'Not an agent id');
const name = z.string().trim().min(1, 'Name the connection').max(100);

export const createChannelInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('telegram'), agentId, name, credentials: telegramCredentials }).strict(),
  z.object({ type: z.literal('whatsapp'), agentId, name, credentials: whatsappCredentials }).strict(),
  z.object({ type: z.literal('slack'), agentId, name, credentials: slackCredentials }).strict(),
  z.object({ type: z.literal('messenger'), agentId, name, credentials: metaPageCredentials }).strict(),
  z.object({ type: z.literal('instagram'), agentId, name, credentials: metaPageCredentials }).strict(),
]);

export const updateChannelInput = z
  .object({
    name: name.optional(),
    agentId: agentId.optional(),
    enabled: z.boolean().optional(),
    credentials: z
      .record(z.string(), z.string().max(1000))
      .optional()
      .openapi({ description: "New credentials, all of them, of the connection's type" }),
  })
  .strict();

export const ChannelConnectionSchema = z
  .object({
    id: z.string(),
    type: z.enum(CHANNEL_TYPES),
    name: z.string(),
    agentId: z.string(),
    enabled: z.boolean(),
    credentials: z
      .record(z.string(), z.string())
      .openapi({ description: 'Masked: the last characters of each value, never the value' }),
    webhookUrl: z.string().openapi({ description: 'Where the platform sends messages (set for you on Telegram)' }),
    verifyToken: z
      .string()
      .nullable()
      .openapi({ description: 'What to paste as the verify token on the platform (WhatsApp, Messenger, Instagram)' }),
    lastInboundAt: z.string().nullable(),
    lastOutboundAt: z.string().nullable(),
    lastError: z.string().nullable(),
    lastErrorAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ChannelConnection');

export const ChannelResponse = z.object({ channel: ChannelConnectionSchema });
export const ChannelListResponse = z.object({ channels: z.array(ChannelConnectionSchema) });
export const ChannelTestResponse = z.object({
  ok: z.boolean(),
  detail: z.string().openapi({ description: 'What the platform said: the bot or number it knows, or the error' }),
});

/** What a webhook delivery is answered: `challenge` only for Slack's url_verification. */
export const ChannelWebhookAck = z.object({
  ok: z.literal(true),
  challenge: z.string().optional().openapi({ description: 'Slack’s url_verification challenge, echoed' }),
});

/** How each message of a channel conversation fared, by message id. */
export const ChannelDeliveryResponse = z
  .object({
    delivery: z.record(
      z.string(),
      z.object({
        status: z.enum(['pending', 'sent', 'failed']),
        delivery: z.enum(['sent', 'delivered', 'read', 'failed']).nullable(),
        error: z.string().nullable(),
      }),
    ),
  })
  .openapi('ChannelDeliveryResponse');
