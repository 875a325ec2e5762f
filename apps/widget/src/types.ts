import type { PublicLeadField, PublicWidgetConfig } from '@switchboard/contract/widget';

// What the server's `GET /api/widget/v1/{key}/config` answers: the API contract's types
// (packages/contract), imported as types only, so nothing is added to the bundles.
export type LeadField = PublicLeadField;
export type WidgetConfig = PublicWidgetConfig;

export interface Identity {
  userId: string;
  name?: string;
  email?: string;
  hash?: string;
}

export type WidgetEvent = 'message' | 'open' | 'close' | 'lead';

/** What the loader hands the chat bundle when it mounts it. */
export interface Host {
  root: ShadowRoot;
  base: string;
  key: string;
  mode: 'widget' | 'page' | 'preview';
  config: WidgetConfig;
  identity(): Identity | null;
  emit(event: WidgetEvent, data: unknown): void;
  /** The launcher shows the count (0 hides it) and whether the panel is open. */
  setUnread(count: number): void;
  setOpen(open: boolean): void;
  launcher: HTMLElement | null;
  /** A resume link's token (the hosted page opened from a mailed reply): the conversation to open. */
  resume?: string | null;
}

export interface ChatController {
  open(): void;
  close(): void;
  identify(identity: Identity): void;
  /** The dashboard's live preview: new look and texts, without a reload. */
  update(config: WidgetConfig): void;
}

declare global {
  interface Window {
    /** Set by the chat bundle when it has loaded. */
    __switchboardChat?: { mount(host: Host): ChatController };
  }
}
