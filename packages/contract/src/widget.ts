import { type EventUnion, conversationEventsQuery, messageInput, typingInput } from './chat';
import { OkResponse } from './common';
import { ANSWER_STATUSES, CONVERSATION_STATUSES, LAUNCHER_ICONS, LEAD_FIELD_TYPES, WIDGET_LANGUAGES } from './enums';
import { z } from './z';

// The website widget: what a workspace configures, what the widget's public API takes and
// answers, and the events a visitor receives (a narrowed view of the chat's).

/**
 * What a workspace configures for an agent's widget. Stored as JSON beside the key and the
 * allowed origins; every read goes through `widgetConfig.parse`, so rows written before a new
 * field existed get its default.
 */
export { LAUNCHER_ICONS, WIDGET_LANGUAGES };

const hexColor = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #4f46e5');
const httpsUrl = z
  .string()
  .trim()
  .max(500)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'Use an http(s) address');

export const widgetLook = z.object({
  primaryColor: hexColor.default('#4f46e5'),
  position: z.enum(['bottom-right', 'bottom-left']).default('bottom-right'),
  launcherIcon: z.enum(LAUNCHER_ICONS).default('chat'),
  /** null: the agent's avatar. */
  avatarUrl: httpsUrl.nullable().default(null),
  /** null: the agent's name. */
  title: z.string().trim().min(1).max(80).nullable().default(null),
  /** null: the agent's greeting. */
  welcomeText: z.string().trim().min(1).max(500).nullable().default(null),
  theme: z.enum(['light', 'dark', 'auto']).default('light'),
  /** Show "Powered by Switchboard": turning it off takes effect only on plans with removeBranding. */
  showBranding: z.boolean().default(true),
});

/** Same shape as the leads module's form definition, so one can become the other. */
export const widgetLeadFormField = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'Use lower-case letters, digits and _'),
  label: z.string().trim().min(1).max(100),
  type: z.enum(LEAD_FIELD_TYPES).default('text'),
  required: z.boolean().default(false),
  options: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
});

export const widgetLeadForm = z
  .object({
    enabled: z.boolean().default(false),
    /** before_chat: asked first; on_demand: a button; tool: when the agent's lead tool asks. */
    when: z.enum(['before_chat', 'on_demand', 'tool']).default('on_demand'),
    title: z.string().trim().min(1).max(120).nullable().default(null),
    fields: z
      .array(widgetLeadFormField)
      .min(1)
      .max(20)
      .default([
        { key: 'name', label: 'Name', type: 'text', required: true },
        { key: 'email', label: 'Email', type: 'email', required: true },
      ]),
    consent: z
      .object({ text: z.string().trim().min(1).max(2000), required: z.boolean().default(true) })
      .nullable()
      .default(null),
  })
  .refine((f) => new Set(f.fields.map((x) => x.key)).size === f.fields.length, {
    message: 'Field keys must be unique',
    path: ['fields'],
  })
  .refine((f) => f.fields.some((x) => ['name', 'email', 'phone'].includes(x.key)), {
    message: 'A lead form needs a name, email or phone field',
    path: ['fields'],
  })
  .refine((f) => f.fields.every((x) => x.type !== 'select' || (x.options?.length ?? 0) > 0), {
    message: 'A select field needs options',
    path: ['fields'],
  });

export const widgetAttachmentPolicy = z.object({
  enabled: z.boolean().default(true),
  images: z.boolean().default(true),
  files: z.boolean().default(true),
  /** Per file; capped by WIDGET_MAX_ATTACHMENT_BYTES. */
  maxBytes: z
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(5 * 1024 * 1024),
});

export const widgetConfig = z.object({
  look: widgetLook.default(widgetLook.parse({})),
  /** auto: the visitor's browser language (when one of WIDGET_LANGUAGES), else English. */
  language: z.enum(['auto', ...WIDGET_LANGUAGES]).default('auto'),
  leadForm: widgetLeadForm.default(widgetLeadForm.parse({})),
  csat: z.object({ enabled: z.boolean().default(true) }).default({ enabled: true }),
  attachments: widgetAttachmentPolicy.default(widgetAttachmentPolicy.parse({})),
});

export type WidgetConfig = z.infer<typeof widgetConfig>;
export type WidgetLeadForm = z.infer<typeof widgetLeadForm>;

/** A settings edit: any subset of sections; a section given is replaced whole (after defaults). */
export const widgetSettingsPatch = z
  .object({
    allowedOrigins: z.array(z.string().trim().min(1).max(300)).max(50).optional(),
    look: widgetLook.optional(),
    language: widgetConfig.shape.language.optional(),
    leadForm: widgetLeadForm.optional(),
    csat: z.object({ enabled: z.boolean() }).optional(),
    attachments: widgetAttachmentPolicy.optional(),
  })
  .strict();

export const keyParam = z.object({
  key: z
    .string()
    .min(1)
    .max(60)
    .openapi({ param: { name: 'key', in: 'path' }, description: 'The publishable key (pk_…)' }),
});
export const conversationParams = keyParam.extend({
  id: z
    .string()
    .min(1)
    .max(60)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
export const attachmentParams = conversationParams.extend({
  attachmentId: z
    .string()
    .min(1)
    .max(60)
    .openapi({ param: { name: 'attachmentId', in: 'path' } }),
});

export const sessionInput = z.object({
  visitorId: z.string().max(60).optional(),
  visitorKey: z.string().max(100).optional(),
  conversationId: z.string().max(60).optional(),
  /** Make a conversation when there is none to resume (the visitor's first message or form). */
  create: z.boolean().default(false),
  /** Leave the current conversation and start another ("new conversation"). */
  fresh: z.boolean().default(false),
  identity: z
    .object({
      userId: z.string().trim().min(1).max(180),
      name: z.string().trim().max(200).optional(),
      email: z.string().trim().max(320).optional(),
      hash: z.string().trim().max(128).optional(),
    })
    .optional(),
  channel: z.enum(['widget', 'hosted']).default('widget'),
  page: z.object({ url: z.string().max(2000).optional(), title: z.string().max(300).optional() }).default({}),
  locale: z.string().max(35).optional(),
  /** A resume link's token (the hosted page opened from a mailed reply): the visitor and conversation it names. */
  resume: z.string().max(1200).optional(),
});

export const ratingInput = z.object({
  rating: z.number().int().min(1, 'Rate from 1 to 5').max(5, 'Rate from 1 to 5'),
  comment: z.string().trim().max(2000).optional(),
});
export const visitorHandoffBody = z.object({ reason: z.string().trim().max(300).optional() });
/** The visitor's message and typing bodies are the chat API's. */
export {
  messageInput as visitorMessageInput,
  typingInput as visitorTypingInput,
  conversationEventsQuery as visitorMessagesQuery,
};

/** A lead form's field as the widget draws it (the configuration's `leadForm.fields`). */
const PublicLeadFieldSchema = z.object({
  key: z.string(),
  label: z.string(),
  type: z.enum(LEAD_FIELD_TYPES),
  required: z.boolean(),
  options: z.array(z.string()).optional(),
});

/** What the widget draws itself from (`GET /api/widget/v1/{key}/config`): public by nature. */
export const PublicWidgetConfigSchema = z.object({
  publicKey: z.string(),
  /** The agent answers (active and published). */
  available: z.boolean(),
  title: z.string(),
  avatarUrl: z.string().nullable(),
  welcomeText: z.string(),
  suggestedQuestions: z.array(z.string()),
  /** The welcome text and suggested questions in each widget language (the widget picks its own). */
  texts: z
    .partialRecord(
      z.enum(WIDGET_LANGUAGES),
      z.object({ welcomeText: z.string(), suggestedQuestions: z.array(z.string()) }),
    )
    .optional(),
  look: z.object({
    primaryColor: z.string(),
    position: z.enum(['bottom-right', 'bottom-left']),
    launcherIcon: z.enum(LAUNCHER_ICONS),
    theme: z.enum(['light', 'dark', 'auto']),
  }),
  language: z.enum(['auto', ...WIDGET_LANGUAGES]),
  leadForm: z
    .object({
      when: z.enum(['before_chat', 'on_demand', 'tool']),
      title: z.string().nullable(),
      fields: z.array(PublicLeadFieldSchema),
      consent: z.object({ text: z.string(), required: z.boolean() }).nullable(),
    })
    .nullable(),
  csat: z.boolean(),
  attachments: z.object({ images: z.boolean(), files: z.boolean(), maxBytes: z.number().int() }).nullable(),
  /** "Powered by Switchboard" is shown: always, unless the plan includes removeBranding and it is turned off. */
  branding: z.boolean(),
});
export const WidgetConfigResponse = z.object({ widget: PublicWidgetConfigSchema }).openapi('WidgetConfig');

export const WidgetSessionSchema = z
  .object({
    visitor: z.object({ id: z.string(), key: z.string().nullable(), verified: z.boolean() }),
    identity: z.enum(['verified', 'unverified', 'none']),
    conversation: z.object({ id: z.string(), status: z.string() }).nullable(),
    token: z.string().nullable(),
    expiresAt: z.date().nullable(),
  })
  .openapi('WidgetSession');

/** A citation as the visitor sees it: no source or chunk ids, no scores. */
export const VisitorCitationSchema = z.object({
  index: z.number(),
  title: z.string(),
  url: z.string().nullable(),
  page: z.number().nullable(),
  anchor: z.string().nullable(),
  snippet: z.string(),
});
/** A message as the visitor sees it: no token counts, costs, models, tool calls or member ids. */
export const VisitorMessageSchema = z.object({
  id: z.string(),
  role: z.string(),
  content: z.string(),
  status: z.string(),
  citations: z.array(VisitorCitationSchema),
  replyTo: z.string().nullable(),
  createdAt: z.date(),
});

/** The events of a conversation as its visitor receives them (`GET …/conversations/{id}/events`). */
export const visitorConversationEvents = {
  status: z.object({
    conversationId: z.string(),
    status: z.enum(CONVERSATION_STATUSES),
    cause: z.string().nullable(),
    assignee: z.object({ name: z.string() }).nullable(),
    /** Handed to a person outside business hours and no contact details yet: ask for them. */
    askContact: z.boolean(),
  }),
  message: VisitorMessageSchema,
  typing: z.object({
    conversationId: z.string(),
    from: z.literal('human'),
    typing: z.boolean(),
    name: z.string().optional(),
  }),
};

/** A turn's events as its visitor receives them (`POST …/conversations/{id}/messages`). */
export const visitorTurnEvents = {
  token: z.object({ text: z.string() }),
  citation: VisitorCitationSchema,
  /** Only `capture_lead`, once, when called: the widget opens its lead form. */
  tool: z.object({ name: z.string() }),
  handoff: z.object({
    status: z.enum(CONVERSATION_STATUSES),
    askContact: z.boolean(),
    opensAt: z.string().nullable(),
    notice: z.string().optional(),
  }),
  done: z.object({
    conversationId: z.string(),
    userMessageId: z.string(),
    messageId: z.string().nullable(),
    status: z.enum(ANSWER_STATUSES),
    conversationStatus: z.enum(CONVERSATION_STATUSES),
    content: z.string(),
    citations: z.array(VisitorCitationSchema),
    offerHuman: z.boolean(),
    replayed: z.literal(true).optional(),
  }),
  error: z.object({
    code: z.string(),
    message: z.string(),
    conversationId: z.string(),
    messageId: z.string().nullable(),
  }),
};

export type VisitorConversationEvent = EventUnion<typeof visitorConversationEvents>;
export type VisitorTurnEvent = EventUnion<typeof visitorTurnEvents>;
export type PublicWidgetConfig = z.output<typeof PublicWidgetConfigSchema>;
export type PublicLeadField = z.output<typeof PublicLeadFieldSchema>;

export const VisitorMessageListResponse = z.object({ messages: z.array(VisitorMessageSchema) });
export const VisitorHandoffResponse = z.object({ status: z.string(), askContact: z.boolean() });
export const VisitorLeadResponse = z.object({ lead: z.object({ id: z.string() }) });
export const RatingResponse = z.object({ rating: z.number(), comment: z.string().nullable() });
export { OkResponse as VisitorOkResponse };

export const WidgetAttachmentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    size: z.number().int(),
    mediaType: z.string(),
    kind: z.enum(['image', 'file']),
    createdAt: z.date(),
  })
  .openapi('WidgetAttachment');
export const WidgetAttachmentResponse = z.object({ attachment: WidgetAttachmentSchema });
/** The multipart body of an attachment upload (documented by hand: zod does not describe files). */
export const ATTACHMENT_FORM_SCHEMA = {
  type: 'object' as const,
  properties: { file: { type: 'string' as const, format: 'binary' } },
  required: ['file'],
};

// The workspace's side: its agents' widgets and the identity-verification secret.
export const agentParam = z.object({
  agentId: z
    .string()
    .min(1)
    .max(60)
    .openapi({ param: { name: 'agentId', in: 'path' } }),
});
export const ensureWidgetBody = z.object({ agentId: z.string().max(60) });
export const WidgetSettingsSchema = z
  .object({
    agentId: z.string(),
    agentName: z.string(),
    publicKey: z.string(),
    allowedOrigins: z.array(z.string()),
    config: z.record(z.string(), z.unknown()),
    snippet: z.string(),
    hostedUrl: z.string(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .openapi('WidgetSettings');
export const WidgetIdentitySecretSchema = z
  .object({ configured: z.boolean(), hint: z.string().nullable(), rotatedAt: z.date().nullable() })
  .openapi('WidgetIdentitySecret');
export const WidgetSettingsResponse = z.object({ widget: WidgetSettingsSchema });
export const WidgetSettingsListResponse = z.object({ widgets: z.array(WidgetSettingsSchema) });
export const WidgetIdentityResponse = z.object({ identity: WidgetIdentitySecretSchema });
export const WidgetIdentityRotatedResponse = z.object({ secret: z.string(), identity: WidgetIdentitySecretSchema });
