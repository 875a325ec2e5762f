import type { ChatApp } from './index';
import { attachmentRenderer } from './attachments';
import { composer, type Composer } from './composer';
import { h, icon } from './dom';
import { keepFocusIn } from './focus-trap';
import { NextSteps } from './next-steps';
import { typingElement, type ShownMessage } from './view';

/**
 * The chat panel: header, the conversation, what the visitor can do next (NextSteps), and the
 * message box. Tab stays inside while it is open, Escape closes it and gives focus back to the
 * launcher; new messages are read out by a live region.
 */
export class Panel {
  readonly el: HTMLElement;
  readonly log: HTMLElement;
  private readonly live: HTMLElement;
  private readonly subtitle: HTMLElement;
  private readonly box: Composer;
  readonly steps: NextSteps;
  private unread = 0;
  private suggestions: HTMLElement | null = null;
  private humanTyping: HTMLElement | null = null;
  private typingTimer = 0;
  private lastTypingSent = 0;
  /** Counts "New conversation" clicks: work begun in an earlier conversation stays out of this one. */
  private generation = 0;

  constructor(private readonly app: ChatApp) {
    const { t, config, host } = app;
    const avatar =
      config.avatarUrl && /^https:\/\//.test(config.avatarUrl)
        ? h('img', { class: 'sb-avatar', src: config.avatarUrl, alt: '' })
        : h('span', { class: 'sb-avatar', 'aria-hidden': 'true' }, config.title.slice(0, 1).toUpperCase());
    this.subtitle = h('span', {});
    const buttons = [
      h(
        'button',
        {
          type: 'button',
          class: 'sb-icon',
          'aria-label': t('newChat'),
          title: t('newChat'),
          onclick: () => this.newConversation(),
        },
        icon('refresh'),
      ),
    ];
    if (host.mode !== 'page')
      buttons.push(
        h(
          'button',
          { type: 'button', class: 'sb-icon', 'aria-label': t('close'), onclick: () => this.close() },
          icon('close'),
        ),
      );
    this.log = h('div', {
      class: 'sb-log',
      role: 'log',
      'aria-label': t('messages'),
      'aria-live': 'off',
      tabindex: '0',
    });
    this.live = h('div', { class: 'sr-only', 'aria-live': 'polite', role: 'status' });
    const actions = h('div', { class: 'sb-actions' });
    this.box = composer({
      t,
      attachments: config.attachments,
      onSend: (text) => void this.send(text),
      onTyping: () => this.typing(),
      upload: async (file) => {
        await this.ready();
        return app.api.upload(file);
      },
      onError: (text) => app.conversation.note(text),
    });
    const theme = config.look.theme === 'dark' ? 'sb-dark' : config.look.theme === 'auto' ? 'sb-auto' : '';
    const place = `${host.mode === 'page' ? 'sb-page' : config.look.position === 'bottom-left' ? 'sb-left' : ''} ${host.mode === 'preview' ? 'sb-preview' : ''}`;
    this.el = h(
      'section',
      {
        class: `sb-panel ${theme} ${place}`,
        role: host.mode === 'page' ? 'main' : 'dialog',
        'aria-label': config.title,
        hidden: host.mode === 'widget',
      },
      h(
        'header',
        { class: 'sb-head' },
        avatar,
        h('div', { class: 'sb-who' }, h('strong', {}, config.title), this.subtitle),
        ...buttons,
      ),
      this.log,
      h('div', { class: 'sb-foot' }, actions, this.box.el),
      ...(config.branding ? [h('div', { class: 'sb-brand' }, 'Powered by Switchboard')] : []),
      this.live,
    );
    keepFocusIn(this.el, host.root, { trap: host.mode !== 'page', onEscape: () => this.close() });
    this.steps = new NextSteps(
      app,
      { log: this.log, actions, box: this.box, subtitle: this.subtitle, panel: this.el },
      () => this.ready(),
    );
    app.conversation.bind(
      this.log,
      t,
      (role) => this.speaker(role),
      { onAttachment: attachmentRenderer(app.api) },
      {
        status: (status, assignee, initial, askContact) => this.steps.onStatus(status, assignee, initial, askContact),
        added: (message, own, history) => this.added(message, own, history),
        typing: (name, typing) => this.showHumanTyping(name, typing),
        tool: (name) => name === 'capture_lead' && config.leadForm?.when === 'tool' && this.steps.showLeadForm(),
        offerHuman: () => this.steps.draw(true),
        connection: (ok) => (this.subtitle.textContent = ok ? this.steps.statusText() : t('reconnecting')),
      },
    );
    if (!config.available) app.conversation.note(t('unavailable'));
  }

  /** Takes over what an earlier panel showed (the dashboard's preview redraws on each change). */
  adopt(previous: Panel | undefined): void {
    if (previous) {
      this.log.replaceChildren(...Array.from(previous.log.childNodes));
      this.steps.status = previous.steps.status;
      this.steps.assignee = previous.steps.assignee;
      this.el.hidden = previous.el.hidden;
      this.subtitle.textContent = this.steps.statusText();
    }
    this.showWelcome();
  }

  /** The greeting opens every conversation; the suggested questions last until the first message. */
  showWelcome(): void {
    const { config, conversation } = this.app;
    // The texts in the widget's language when the agent has them (a Spanish visitor: Spanish).
    const texts = config.texts?.[this.app.lang as keyof NonNullable<typeof config.texts>] ?? config;
    this.log.querySelector('.sb-welcome')?.remove();
    this.log.prepend(
      h('div', { class: 'sb-msg sb-assistant sb-welcome' }, h('div', { class: 'sb-bubble' }, texts.welcomeText)),
    );
    // Every earlier panel's chips too: adopt() copies the log of the panel it replaces.
    this.suggestions?.remove();
    this.log.querySelectorAll('.sb-suggest').forEach((chips) => chips.remove());
    const questions = texts.suggestedQuestions.map((q) =>
      h('button', { type: 'button', class: 'sb-chip', onclick: () => void this.send(q) }, q),
    );
    this.suggestions =
      questions.length && !conversation.messages.size ? h('div', { class: 'sb-chips sb-suggest' }, ...questions) : null;
    if (this.suggestions) this.log.querySelector('.sb-welcome')!.after(this.suggestions);
    if (config.leadForm?.when === 'before_chat' && !this.steps.leadSent()) this.steps.showLeadForm();
    this.steps.draw(false);
  }

  startConversation(): void {
    this.suggestions?.remove();
    this.suggestions = null;
    this.steps.settle();
    this.steps.draw(false);
  }

  /** A conversation to act in (made on first need), whose events are being followed. */
  private async ready(): Promise<void> {
    const { api, conversation } = this.app;
    const fresh = this.app.wantFresh;
    this.app.wantFresh = false;
    await api.ensureConversation(fresh);
    if (!conversation.following) void conversation.follow();
  }

  async send(text: string): Promise<void> {
    const blocking = this.steps.blocking;
    if (blocking) return blocking.querySelector<HTMLElement>('input,textarea,select')?.focus();
    this.stoppedTyping();
    this.startConversation();
    this.box.setBusy(true);
    const generation = this.generation;
    try {
      await this.ready();
      await this.app.conversation.send(text);
    } catch (error) {
      if (generation === this.generation) this.error(error);
    } finally {
      // A send from before "New conversation" must not free the box while a newer one waits.
      if (generation === this.generation) this.box.setBusy(false);
    }
  }

  error(error: unknown): void {
    this.app.conversation.note(error instanceof Error ? error.message : this.app.t('error'));
  }

  /** Tells the team the visitor is typing: at most every 3 s, and that they stopped after 4 s. */
  private typing(): void {
    const { api } = this.app;
    if (!api.token) return;
    const now = Date.now();
    if (now - this.lastTypingSent > 3000) {
      this.lastTypingSent = now;
      void api.post('/typing', { typing: true }).catch(() => undefined);
    }
    clearTimeout(this.typingTimer);
    this.typingTimer = window.setTimeout(() => this.stoppedTyping(), 4000);
  }

  /** Idle, or the message went: the team stops seeing "typing…" at once. */
  private stoppedTyping(): void {
    clearTimeout(this.typingTimer);
    if (!this.lastTypingSent) return;
    this.lastTypingSent = 0;
    void this.app.api.post('/typing', { typing: false }).catch(() => undefined);
  }

  private showHumanTyping(name: string | null, typing: boolean): void {
    this.humanTyping?.remove();
    this.humanTyping = null;
    if (!typing) return;
    this.humanTyping = this.app.conversation.place(
      typingElement(this.app.t('typing', { name: name ?? this.app.config.title })),
    );
    this.log.scrollTop = this.log.scrollHeight;
  }

  private speaker(role: ShownMessage['role']): string {
    const { t, config } = this.app;
    return role === 'user' ? t('you') : role === 'human' ? (this.steps.assignee ?? config.title) : config.title;
  }

  private added(message: ShownMessage, own: boolean, history: boolean): void {
    const { host, api } = this.app;
    this.suggestions?.remove();
    this.suggestions = null;
    if (!history) host.emit('message', { id: message.id, role: message.role, content: message.content });
    if (own) return;
    if (!history) {
      this.showHumanTyping(null, false);
      this.live.textContent = `${this.speaker(message.role)}: ${message.content.slice(0, 500)}`;
    }
    const seen = api.saved.seen;
    if ((this.el.hidden || document.hidden) && message.id && (!seen || message.id > seen))
      host.setUnread(++this.unread);
    else this.markSeen(message.id);
    this.steps.draw(false);
  }

  /** The last message the visitor has seen, for the unread count after a reload. */
  private markSeen(id: string | null): void {
    const { api } = this.app;
    if (id && (!api.saved.seen || id > api.saved.seen)) {
      api.saved.seen = id;
      api.persist();
    }
  }

  open(): void {
    const { host, t, conversation } = this.app;
    this.el.hidden = false;
    host.setOpen(true);
    host.launcher?.setAttribute('aria-label', t('close'));
    this.unread = 0;
    host.setUnread(0);
    this.markSeen(conversation.lastId);
    (this.steps.firstField() ?? this.box.input).focus();
    host.emit('open', {});
  }

  close(): void {
    const { host, t } = this.app;
    if (host.mode === 'page' || this.el.hidden) return;
    this.el.hidden = true;
    host.setOpen(false);
    host.launcher?.setAttribute('aria-label', t('open'));
    host.launcher?.focus();
    host.emit('close', {});
  }

  private newConversation(): void {
    const { api, conversation } = this.app;
    this.generation++;
    conversation.reset();
    this.box.setBusy(false);
    this.log.replaceChildren();
    api.forget();
    this.app.wantFresh = true;
    this.steps.reset();
    this.subtitle.textContent = '';
    this.showWelcome();
    this.box.input.focus();
  }
}
