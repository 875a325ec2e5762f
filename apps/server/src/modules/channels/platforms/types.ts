import type { ChannelType } from '@switchboard/contract/channels';
import type { ChannelMedia, ChannelProfile, ChannelTemplateSend } from '../schema';
import type { Credentials } from '../credentials';

/** One customer message as a platform delivered it. */
export interface InboundMessage {
  /** The platform's id for it: a redelivery carries the same one. */
  externalId: string;
  /** The sender, chat or thread it belongs to: one conversation each. */
  threadKey: string;
  text: string;
  profile: ChannelProfile;
  /** A photo, document or voice note (its caption is the text). */
  media?: ChannelMedia;
}

/** A delivery status the platform reported for a message Switchboard sent. */
export interface DeliveryStatus {
  platformMessageId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  at: Date;
  error?: string;
}

/** A file to send: its bytes, name, media type and whether it is an image. */
export interface OutgoingFile {
  bytes: Uint8Array;
  name: string;
  mediaType: string;
  kind: 'image' | 'file';
  caption?: string;
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
  /** Sends one part; may return the platform's id for it (for delivery statuses). */
  send(credentials: C, threadKey: string, text: string): Promise<string | void>;
  /** The sender's profile completed where the platform has a cheap lookup (Slack: users.info). Best effort. */
  identify?(credentials: C, profile: ChannelProfile): Promise<ChannelProfile>;
  /** The bytes of a file a customer sent (`media.ref`), within `maxBytes`. */
  downloadMedia?(credentials: C, media: ChannelMedia, maxBytes: number): Promise<Uint8Array>;
  /** Sends a file; the platform's id for the message. */
  sendFile?(credentials: C, threadKey: string, file: OutgoingFile): Promise<string | void>;
  /** Sends an approved template (WhatsApp, outside the 24-hour window). */
  sendTemplate?(credentials: C, threadKey: string, template: ChannelTemplateSend): Promise<string | void>;
  /** Delivery statuses in an authenticated request. */
  statuses?(body: unknown): DeliveryStatus[];
  /** "Typing…" while the answer is written, where the platform has it. Best effort. */
  typing?(credentials: C, threadKey: string): Promise<void>;
}
