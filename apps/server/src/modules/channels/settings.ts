/**
 * The platforms' API addresses for this process (TELEGRAM_API_URL, META_GRAPH_API_URL,
 * SLACK_API_URL). They are set by the operator, never by a workspace, so calls to them skip
 * the egress guard (which exists for addresses users supply); what a workspace supplies (a
 * bot token, a phone number id) only ever lands in the path, checked by the contract's
 * patterns and encoded.
 */
export interface ChannelApis {
  telegram: string;
  metaGraph: string;
  slack: string;
}

let apis: ChannelApis = {
  telegram: 'https://api.telegram.org',
  metaGraph: 'https://graph.facebook.com',
  slack: 'https://slack.com/api',
};

const trim = (url: string) => url.replace(/\/+$/, '');

export function configureChannels(value: ChannelApis): void {
  apis = { telegram: trim(value.telegram), metaGraph: trim(value.metaGraph), slack: trim(value.slack) };
}

export const channelApis = (): ChannelApis => apis;

/** The Graph API version Switchboard speaks. */
export const GRAPH_VERSION = 'v21.0';
/** Attempts per outgoing message before it is marked failed. */
export const MAX_SEND_ATTEMPTS = 8;
/** A platform call that takes longer is abandoned (and retried). */
export const PLATFORM_TIMEOUT_MS = 15_000;
/** Longest wait a platform may ask for before a retry; longer asks are capped. */
export const MAX_RETRY_AFTER_SECONDS = 3600;
/** WhatsApp's customer-service window after the customer's last message. */
export const WHATSAPP_WINDOW_MS = 24 * 3600 * 1000;
