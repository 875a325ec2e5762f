import type { ChannelType } from '@switchboard/contract/channels';
import type { ChannelProfile } from '../schema';
import type { Credentials } from '../credentials';

/** One customer message as a platform delivered it. */
export interface InboundMessage {
  /** The platform's id for it: a redelivery carries the same one. */
  externalId: string;
  /** The sender, chat or thread it belongs to: one conversation each. */
  threadKey: string;
  text: string;
  profile: ChannelProfile;
}

/** What a webhook request carries, as received (the signature covers the raw bytes). */
export interface WebhookRequest {
  headers: Headers;
  rawBody: string;
  query: URLSearchParams;
}

/** The challenge a platform's subscription check expects back, or null: refused. */
export type VerifyAnswer = string | null;

/** Everything channel-specific: the rest of the module is the same for every platform. */
export interface PlatformAdapter<C extends Credentials = Credentials> {
  type: ChannelType;
  /** A subscription check (GET); absent where the platform has none. */
  verifySubscription?(credentials: C, request: WebhookRequest): VerifyAnswer;
  /** Whether the request came from the platform; checked before anything is stored. */
  authenticate(credentials: C, request: WebhookRequest): boolean;
  /** The customer messages in an authenticated request (statuses and others are not messages). */
  parse(body: unknown, credentials: C): InboundMessage[];
  /** A challenge to echo from an authenticated POST (Slack's url_verification), or null. */
  challenge?(body: unknown): string | null;
  /** Asks the platform who the credentials belong to. */
  test(credentials: C): Promise<string>;
  /** Done once when connecting (Telegram: setWebhook). */
  connect?(credentials: C, webhookUrl: string): Promise<void>;
  /** The text of one stored message, formatted and split at the platform's limits. */
  format(markdown: string): string[];
  send(credentials: C, threadKey: string, text: string): Promise<void>;
  /** The sender's profile completed where the platform has a cheap lookup (Slack: users.info). Best effort. */
  identify?(credentials: C, profile: ChannelProfile): Promise<ChannelProfile>;
  /** "Typing…" while the answer is written, where the platform has it. Best effort. */
  typing?(credentials: C, threadKey: string): Promise<void>;
}
