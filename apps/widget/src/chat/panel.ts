import type { ChatApp } from './index';
import { composer, type Composer } from './composer';
import { Conversation } from './conversation';
import { h, icon } from './dom';
import { csatCard, leadForm } from './forms';
import { attachmentRenderer } from './attachments';
import { typingElement, type ShownMessage } from './view';

const FOCUSABLE = 'button:not([disabled]),a[href],input:not([disabled]):not([hidden]),select,textarea:not([disabled]),[tabindex]:not([tabindex="-1"])';

/**
 * The chat panel: header, the conversation, what the visitor can do next (ask for a person,
 * leave details), and the message box. Keyboard: Tab stays inside while it is open, Escape
 * closes it and gives focus back to the launcher; new messages are read out by a live region.
 */
export class Panel {
  readonly el: HTMLElement;
  readonly log: HTMLElement;
  private readonly live: HTMLElement;
  private readonly subtitle: HTMLElement;
  private readonly actions: HTMLElement;
  private readonly box: Composer;
  private status = 'bot';
  private unread = 0;
  private welcome: HTMLElement | null = null;
  private humanTyping: HTMLElement | null = null;
  private typingTimer = 0;
  private lastTypingSent = 0;
  private form: HTMLElement | null = null;

  constructor(private readonly app: ChatApp) {
    const { t, config, host } = app;
    const avatar = config.avatarUrl && /^https:\/\//.test(config.avatarUrl) ? h('img', { class: 'sb-avatar', src: config.avatarUrl, alt: '' }) : h('span', { class: 'sb-avatar', 'aria-hidden': 'true' }, config.title.slice(0, 1).toUpperCase());
    this.subtitle = h('span', {});
    const buttons = [h('button', { type: 'button', class: 'sb-icon', 'aria-label': t('newChat'), title: t('newChat'), onclick: () => this.newConversation() }, icon('refresh'))];
    if (host.mode !== 'page') buttons.push(h('button', { type: 'button', class: 'sb-icon', 'aria-label': t('close'), onclick: () => this.close() }, icon('close')));
    this.log = h('div', { class: 'sb-log', role: 'log', 'aria-label': t('messages'), 'aria-live': 'off', tabindex: '0' });
    this.live = h('div', { class: 'sr-only', 'aria-live': 'polite', role: 'status' });
    this.actions = h('div', { class: 'sb-actions' });
    this.box = composer({
      t,
      attachments: config.attachments,
      onSend: (text) => void this.send(text),
      onTyping: () => this.typing(),
      upload: async (file) => {
        await app.api.ensureConversation(this.takeFresh());
        this.ensureFollowing();
        return app.api.upload(file);
      },
      onError: (text) => this.conversation.note(text),
    });
    const theme = config.look.theme === 'dark' ? 'sb-dark' : config.look.theme === 'auto' ? 'sb-auto' : '';
    const place = `${host.mode === 'page' ? 'sb-page' : config.look.position === 'bottom-left' ? 'sb-left' : ''} ${host.mode === 'preview' ? 'sb-preview' : ''}`;
    this.el = h(
      'section',
      { class: `sb-panel ${theme} ${place}`, role: host.mode === 'page' ? 'main' : 'dialog', 'aria-label': config.title, hidden: host.mode === 'widget' },
      h('header', { class: 'sb-head' }, avatar, h('div', { class: 'sb-who' }, h('strong', {}, config.title), this.subtitle), ...buttons),
      this.log,
      h('div', { class: 'sb-foot' }, this.actions, this.box.el),
      this.live,
    );
    this.el.addEventListener('keydown', (event) => this.keydown(event));
    app.conversation = new Conversation(app.api, this.log, t, { user: t('you'), assistant: config.title, human: config.title }, { onAttachment: attachmentRenderer(app.api) }, {
      status: (status, assignee, initial) => this.onStatus(status, assignee, initial),
      added: (message, own) => this.added(message, own),
      typing: (name, typing) => this.showHumanTyping(name, typing),
      tool: (name) => name === 'capture_lead' && config.leadForm?.when === 'tool' && this.showLeadForm(),
      offerHuman: () => this.drawActions(true),
      connection: (ok) => (this.subtitle.textContent = ok ? this.statusText() : t('reconnecting')),
    });
    if (!config.available) this.conversation.note(t('unavailable'));
    this.showWelcome();
  }

  get conversation(): Conversation {
    return this.app.conversation;
  }

  /** Keeps the conversation on screen when the panel is redrawn (the dashboard's preview). */
  adopt(previous: Panel): void {
    this.log.replaceChildren(...Array.from(previous.log.childNodes));
    previous.conversation.log = this.log;
    this.status = previous.status;
    this.el.hidden = previous.el.hidden;
    this.subtitle.textContent = this.statusText();
    this.drawActions(false);
  }

  /** The greeting opens every conversation; the suggested questions last until the first message. */
  showWelcome(): void {
    const { config } = this.app;
    this.log.querySelector('.sb-welcome')?.remove();
    this.log.prepend(h('div', { class: 'sb-msg sb-assistant sb-welcome' }, h('div', { class: 'sb-bubble' }, config.welcomeText)));
    this.welcome?.remove();
    const questions = config.suggestedQuestions.map((q) => h('button', { type: 'button', class: 'sb-chip', onclick: () => void this.send(q) }, q));
    this.welcome = questions.length && !this.conversation.messages.size ? h('div', { class: 'sb-chips sb-suggest' }, ...questions) : null;
    if (this.welcome) this.log.querySelector('.sb-welcome')!.after(this.welcome);
    if (config.leadForm?.when === 'before_chat' && !this.leadSent()) this.showLeadForm();
    this.drawActions(false);
  }

  startConversation(): void {
    this.welcome?.remove();
    this.welcome = null;
    if (this.form && this.leadSent()) {
      this.form.remove();
      this.form = null;
      this.box.el.hidden = false;
    }
    this.drawActions(false);
  }

  private leadSent(): boolean {
    const { saved, conversationId } = this.app.api;
    return Boolean(conversationId && saved.lead?.includes(conversationId));
  }

  private takeFresh(): boolean {
    const fresh = this.app.wantFresh;
    this.app.wantFresh = false;
    return fresh;
  }

  private ensureFollowing(): void {
    if (!this.conversation.following) void this.conversation.follow();
  }

  async send(text: string): Promise<void> {
    if (this.form && this.app.config.leadForm?.when === 'before_chat') return this.form.querySelector<HTMLElement>('input,textarea,select')?.focus();
    this.startConversation();
    this.box.setBusy(true);
    try {
      await this.app.api.ensureConversation(this.takeFresh());
      this.ensureFollowing();
      await this.conversation.send(text);
    } catch (error) {
      this.error(error);
    } finally {
      this.box.setBusy(false);
    }
  }

  error(error: unknown): void {
    this.conversation.note(error instanceof Error ? error.message : this.app.t('error'));
  }

  private typing(): void {
    const { api } = this.app;
    if (!api.token) return;
    const now = Date.now();
    if (now - this.lastTypingSent > 3000) {
      this.lastTypingSent = now;
      void api.post('/typing', { typing: true }).catch(() => undefined);
    }
    clearTimeout(this.typingTimer);
    this.typingTimer = window.setTimeout(() => {
      this.lastTypingSent = 0;
      void api.post('/typing', { typing: false }).catch(() => undefined);
    }, 4000);
  }

  private showHumanTyping(name: string | null, typing: boolean): void {
    this.humanTyping?.remove();
    this.humanTyping = null;
    if (!typing) return;
    this.humanTyping = this.log.appendChild(typingElement(this.app.t('typing', { name: name ?? this.app.config.title })));
    this.log.scrollTop = this.log.scrollHeight;
  }

  private statusText(): string {
    const { t } = this.app;
    return this.status === 'pending_human' ? t('waiting') : this.status === 'closed' ? t('closed') : '';
  }

  private onStatus(status: string, assignee: string | null, initial: boolean): void {
    const { t, config, api } = this.app;
    const before = this.status;
    this.status = status;
    this.subtitle.textContent = status === 'human' && assignee ? assignee : this.statusText();
    if (!initial && status !== before) {
      if (status === 'pending_human') this.conversation.note(t('waiting'));
      if (status === 'human') this.conversation.note(assignee ? t('joined', { name: assignee }) : t('joinedAnon'));
      if (status === 'bot' && (before === 'human' || before === 'pending_human')) this.conversation.note(t('backToBot'));
      if (status === 'closed') this.conversation.note(t('closed'));
    }
    if (status === 'closed' && config.csat && api.conversationId && !api.saved.rated?.includes(api.conversationId) && !this.log.querySelector('.sb-csat')) {
      const id = api.conversationId;
      this.log.appendChild(
        csatCard(t, async (rating, comment) => {
          await api.post('/rating', { rating, ...(comment ? { comment } : {}) });
          (api.saved.rated ??= []).push(id);
          api.persist();
        }),
      );
    }
    this.drawActions(false);
  }

  private drawActions(offerHuman: boolean): void {
    const { t, config } = this.app;
    const buttons: HTMLElement[] = [];
    if ((this.status === 'bot' || this.status === 'closed') && (offerHuman || this.conversation.messages.size > 0)) {
      buttons.push(h('button', { type: 'button', class: 'sb-chip', onclick: () => void this.handoff() }, icon('person'), ` ${t('human')}`));
    }
    if (config.leadForm?.when === 'on_demand' && !this.leadSent() && !this.form) buttons.push(h('button', { type: 'button', class: 'sb-chip', onclick: () => this.showLeadForm() }, t('leadButton')));
    this.actions.replaceChildren(...buttons);
  }

  private async handoff(): Promise<void> {
    const { api } = this.app;
    try {
      await api.ensureConversation(this.takeFresh());
      this.ensureFollowing();
      const status = (await (await api.post('/handoff', {})).json()).status as string;
      this.onStatus(status, null, false);
    } catch (error) {
      this.error(error);
    }
  }

  showLeadForm(): void {
    const { config, api, t, host } = this.app;
    if (!config.leadForm || this.form || this.leadSent()) return;
    const beforeChat = config.leadForm.when === 'before_chat';
    const done = () => {
      this.form?.remove();
      this.form = null;
      this.box.el.hidden = false;
      this.drawActions(false);
    };
    this.form = leadForm(
      config.leadForm,
      t,
      async (values, consent) => {
        await api.ensureConversation(this.takeFresh());
        this.ensureFollowing();
        const lead = (await (await api.post('/lead', { values, consent })).json()).lead;
        (api.saved.lead ??= []).push(api.conversationId!);
        api.persist();
        host.emit('lead', { id: lead.id, values });
        done();
        this.conversation.note(t('leadThanks'));
        this.box.input.focus();
      },
      beforeChat ? undefined : done,
    );
    this.box.el.hidden = beforeChat;
    this.log.appendChild(this.form);
    this.log.scrollTop = this.log.scrollHeight;
    this.drawActions(false);
    if (!this.el.hidden) this.form.querySelector<HTMLElement>('input,textarea,select')?.focus();
  }

  private added(message: ShownMessage, own: boolean): void {
    const { host, api } = this.app;
    this.welcome?.remove();
    this.welcome = null;
    host.emit('message', { id: message.id, role: message.role, content: message.content });
    if (own) return;
    this.showHumanTyping(null, false);
    this.live.textContent = `${message.role === 'user' ? this.app.t('you') : this.app.config.title}: ${message.content.slice(0, 500)}`;
    const seen = api.saved.seen;
    if ((this.el.hidden || document.hidden) && message.id && (!seen || message.id > seen)) host.setUnread(++this.unread);
    else if (message.id) this.markSeen(message.id);
    this.drawActions(false);
  }

  private markSeen(id: string | null): void {
    const { api } = this.app;
    if (id && (!api.saved.seen || id > api.saved.seen)) {
      api.saved.seen = id;
      api.persist();
    }
  }

  open(): void {
    const { host } = this.app;
    this.el.hidden = false;
    host.setOpen(true);
    host.launcher?.setAttribute('aria-label', this.app.t('close'));
    this.unread = 0;
    host.setUnread(0);
    this.markSeen(this.conversation.lastId);
    (this.form?.querySelector<HTMLElement>('input,textarea,select') ?? this.box.input).focus();
    host.emit('open', {});
  }

  close(): void {
    const { host } = this.app;
    if (host.mode === 'page' || this.el.hidden) return;
    this.el.hidden = true;
    host.setOpen(false);
    host.launcher?.setAttribute('aria-label', this.app.t('open'));
    host.launcher?.focus();
    host.emit('close', {});
  }

  private newConversation(): void {
    const { api } = this.app;
    this.conversation.stop();
    this.conversation.messages.clear();
    this.conversation.lastId = null;
    this.log.replaceChildren();
    api.conversationId = null;
    api.token = null;
    api.saved.c = undefined;
    api.persist();
    this.app.wantFresh = true;
    this.status = 'bot';
    this.form = null;
    this.subtitle.textContent = '';
    this.showWelcome();
    this.box.el.hidden = Boolean(this.form);
    this.box.input.focus();
  }

  private keydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') return this.close();
    if (event.key !== 'Tab' || this.app.host.mode === 'page') return;
    const items = Array.from(this.el.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.offsetParent !== null);
    if (!items.length) return;
    const active = this.app.host.root.activeElement;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (event.shiftKey && active === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }
}
