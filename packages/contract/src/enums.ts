/**
 * The closed lists of values the API uses, without zod: clients import them at run time
 * (select options, labels by value) without bundling the schemas. The schemas are built
 * from these same arrays, so a value added here is accepted by the server and known to
 * the clients at once.
 */
export const PROVIDERS = ['openai', 'anthropic', 'google', 'openai-compatible'] as const;
export const TONES = ['friendly', 'professional', 'concise', 'playful'] as const;
export const ANSWER_MODES = ['generative', 'extractive', 'hybrid'] as const;
export const AGENT_STATUSES = ['active', 'paused', 'archived'] as const;

/**
 * The default minimum relevance (0–1, the same scale for every question: see
 * docs/knowledge.md#relevance) of a passage to enter an answer, chosen by the retrieval
 * benchmark (bench/retrieval). Here, not in knowledge.ts, so the dashboard reads it without zod.
 */
export const DEFAULT_MIN_RELEVANCE = 0.25;

export const SOURCE_KINDS = ['file', 'url', 'website', 'text', 'qa'] as const;
export const SOURCE_STATUSES = ['pending', 'processing', 'ready', 'failed'] as const;

export const CONVERSATION_STATUSES = ['bot', 'pending_human', 'human', 'closed'] as const;
export const CHANNELS = [
  'api',
  'widget',
  'hosted',
  'playground',
  'openai',
  'whatsapp',
  'telegram',
  'slack',
  'messenger',
  'instagram',
] as const;
export const MESSAGE_ROLES = ['user', 'assistant', 'human', 'system'] as const;
export const ANSWER_STATUSES = ['complete', 'interrupted', 'error', 'queued_for_human'] as const;

export const INBOX_STATUSES = ['open', 'pending_human', 'human', 'bot', 'closed', 'all'] as const;
export const PRESENCE_STATUSES = ['online', 'away', 'offline'] as const;

export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'lost'] as const;
/** Where leads come from: the widget's contact form, the chat's capture_lead tool, the lead form API. */
export const LEAD_SOURCES = ['widget', 'agent', 'form'] as const;
export const LEAD_FIELD_TYPES = ['text', 'textarea', 'email', 'phone', 'select'] as const;

export const WIDGET_LANGUAGES = ['en', 'es', 'fr', 'de', 'pt', 'ar'] as const;
export const LAUNCHER_ICONS = ['chat', 'help', 'sparkle', 'headset'] as const;

export type Provider = (typeof PROVIDERS)[number];
export type Tone = (typeof TONES)[number];
export type AnswerMode = (typeof ANSWER_MODES)[number];
export type AgentStatus = (typeof AGENT_STATUSES)[number];
export type SourceKind = (typeof SOURCE_KINDS)[number];
export type SourceStatus = (typeof SOURCE_STATUSES)[number];
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export type InboxStatus = (typeof INBOX_STATUSES)[number];
export type PresenceStatus = (typeof PRESENCE_STATUSES)[number];
export type LeadStatus = (typeof LEAD_STATUSES)[number];
export type LeadSource = (typeof LEAD_SOURCES)[number];
export type WidgetLanguage = (typeof WIDGET_LANGUAGES)[number];
