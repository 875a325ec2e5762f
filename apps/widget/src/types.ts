/** What the server's `GET /api/widget/v1/{key}/config` answers (see modules/widget/routes-public.ts). */
export interface LeadField {
  key: string;
  label: string;
  type: 'text' | 'textarea' | 'email' | 'phone' | 'select';
  required: boolean;
  options?: string[];
}

export interface WidgetConfig {
  publicKey: string;
  available: boolean;
  title: string;
  avatarUrl: string | null;
  welcomeText: string;
  suggestedQuestions: string[];
  look: { primaryColor: string; position: 'bottom-right' | 'bottom-left'; launcherIcon: 'chat' | 'help' | 'sparkle' | 'headset'; theme: 'light' | 'dark' | 'auto' };
  language: 'auto' | 'en' | 'es' | 'fr' | 'de' | 'pt' | 'ar';
  leadForm: { when: 'before_chat' | 'on_demand' | 'tool'; title: string | null; fields: LeadField[]; consent: { text: string; required: boolean } | null } | null;
  csat: boolean;
  attachments: { images: boolean; files: boolean; maxBytes: number } | null;
}

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
