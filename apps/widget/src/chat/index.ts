/**
 * The chat (widget/chat-*.js), loaded by widget.js when the visitor opens it or the browser is
 * idle. It draws the panel inside the loader's shadow root and talks to /api/widget/v1.
 */
import type { ChatController, Host, Identity, WidgetConfig } from '../types';
import { safeColor, textOn } from '../color';
import { WidgetApi } from './api';
import { Conversation } from './conversation';
import { h } from './dom';
import { isRtl, pickLanguage, translator, type Translate } from './i18n';
import { Panel } from './panel';
import { loadSaved } from './store';
import { CSS } from './styles';

class ChatApp {
  config: WidgetConfig;
  t!: Translate;
  lang = 'en';
  identity: Identity | null;
  readonly api: WidgetApi;
  panel!: Panel;
  readonly conversation: Conversation;
  wantFresh = false;

  constructor(readonly host: Host) {
    this.config = host.config;
    this.identity = host.identity();
    const saved = loadSaved(host.key);
    this.api = new WidgetApi(
      host.base,
      host.key,
      saved,
      () => ({ identity: this.identity, channel: host.mode === 'widget' ? 'widget' : 'hosted' }),
      host.resume ?? null,
    );
    this.conversation = new Conversation(this.api);
    host.root.appendChild(h('style', {}, CSS));
    this.build();
    if (saved.c || this.identity || host.resume) void this.resume();
    if (host.mode === 'preview') this.listenForPreview();
  }

  /** (Re)draws the panel for the current config: language, look, texts. */
  build(): void {
    const { config, host } = this;
    this.lang = pickLanguage(config.language, navigator.languages ?? [navigator.language]);
    this.t = translator(this.lang);
    const color = safeColor(config.look.primaryColor);
    const el = host.root.host as HTMLElement;
    el.style.setProperty('--p', color);
    el.style.setProperty('--t', textOn(color));
    const previous = this.panel as Panel | undefined;
    this.panel = new Panel(this);
    this.panel.adopt(previous);
    previous?.el.remove();
    host.root.appendChild(this.panel.el);
    host.launcher?.setAttribute('aria-label', this.t(this.panel.el.hidden ? 'open' : 'close'));
    host.launcher?.closest('div')?.classList.toggle('left', config.look.position === 'bottom-left');
    this.panel.el.dir = isRtl(this.lang) ? 'rtl' : 'ltr';
    this.panel.el.lang = this.lang;
    host.setOpen(!this.panel.el.hidden);
  }

  /** Picks the saved (or, for a verified user, their latest) conversation back up. */
  async resume(): Promise<void> {
    const before = this.api.conversationId;
    try {
      const found = await this.api.session();
      if (this.api.conversationId !== before && this.conversation.messages.size) {
        // Another visitor now (identify): their conversation, not the one on screen.
        this.conversation.reset();
        this.panel.log.replaceChildren();
        this.panel.steps.reset();
        this.panel.showWelcome();
      }
      if (found) {
        this.panel.startConversation();
        if (!this.conversation.lastId) await this.conversation.history();
        void this.conversation.follow();
      }
    } catch (error) {
      this.panel.error(error);
    }
  }

  /** The dashboard (same origin, the parent frame) sends its unsaved settings; they show at once. */
  private listenForPreview(): void {
    window.addEventListener('message', (event) => {
      if (
        event.origin !== location.origin ||
        event.source !== window.parent ||
        event.data?.type !== 'switchboard:preview'
      )
        return;
      this.config = { ...this.config, ...event.data.config };
      this.host.config = this.config;
      this.build();
    });
    window.parent.postMessage({ type: 'switchboard:preview-ready' }, location.origin);
  }

  controller(): ChatController {
    return {
      open: () => this.panel.open(),
      close: () => this.panel.close(),
      identify: (identity) => {
        const changed = JSON.stringify(identity) !== JSON.stringify(this.identity);
        this.identity = identity;
        if (changed) void this.resume();
      },
      update: (config) => {
        this.config = config;
        this.build();
      },
    };
  }
}

export type { ChatApp };

window.__switchboardChat = { mount: (host) => new ChatApp(host).controller() };
