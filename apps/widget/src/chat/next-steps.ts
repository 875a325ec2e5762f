import type { WidgetConfig } from '../types';
import type { ChatApp } from './index';
import type { Composer } from './composer';
import { h, icon } from './dom';
import { csatCard, leadForm } from './forms';

/**
 * What the visitor can do besides writing, and what the conversation's status means for it:
 * "Talk to a person", the lead form (before the chat, on demand, or when the agent's tool
 * asks, or when the team asks for contact details: handed to a person outside business hours),
 * the notices when a person is asked for or joins, and the rating once it is closed.
 */
export class NextSteps {
  status = 'bot';
  /** Who from the team has the conversation (status human), as the header shows them. */
  assignee: string | null = null;
  private form: HTMLElement | null = null;
  /** "Not now" to the team's request for contact details: not asked again on this page. */
  private contactSkipped = false;

  constructor(
    private readonly app: ChatApp,
    private readonly parts: {
      log: HTMLElement;
      actions: HTMLElement;
      box: Composer;
      subtitle: HTMLElement;
      panel: HTMLElement;
    },
    /** A conversation to act in (made on first need) whose events are being followed. */
    private readonly ready: () => Promise<void>,
  ) {}

  private note(text: string): void {
    this.app.conversation.note(text);
  }

  get blocking(): HTMLElement | null {
    return this.form && this.app.config.leadForm?.when === 'before_chat' ? this.form : null;
  }

  leadSent(): boolean {
    const { saved, conversationId } = this.app.api;
    return Boolean(conversationId && saved.lead?.includes(conversationId));
  }

  statusText(): string {
    const { t } = this.app;
    if (this.status === 'human') return this.assignee ?? '';
    return this.status === 'pending_human' ? t('waiting') : this.status === 'closed' ? t('closed') : '';
  }

  onStatus(status: string, assignee: string | null, initial: boolean, askContact = false): void {
    const { t, config, api } = this.app;
    const before = this.status;
    this.status = status;
    this.assignee = status === 'human' ? assignee : null;
    this.parts.subtitle.textContent = this.statusText();
    if (!initial && status !== before) {
      if (status === 'pending_human') this.note(t('waiting'));
      if (status === 'human') this.note(assignee ? t('joined', { name: assignee }) : t('joinedAnon'));
      if (status === 'bot' && (before === 'human' || before === 'pending_human')) this.note(t('backToBot'));
      if (status === 'closed') this.note(t('closed'));
    }
    const id = api.conversationId;
    if (
      status === 'closed' &&
      config.csat &&
      id &&
      !api.saved.rated?.includes(id) &&
      !this.parts.log.querySelector('.sb-csat')
    ) {
      this.parts.log.appendChild(
        csatCard(t, async (rating, comment) => {
          await api.post('/rating', { rating, ...(comment ? { comment } : {}) });
          (api.saved.rated ??= []).push(id);
          api.persist();
        }),
      );
      this.parts.log.scrollTop = this.parts.log.scrollHeight;
    }
    this.draw(false);
    if (askContact && !this.contactSkipped) this.showLeadForm(true);
  }

  draw(offerHuman: boolean): void {
    const { t, config } = this.app;
    const buttons: HTMLElement[] = [];
    if (
      (this.status === 'bot' || this.status === 'closed') &&
      (offerHuman || this.app.conversation.messages.size > 0)
    ) {
      buttons.push(
        h(
          'button',
          { type: 'button', class: 'sb-chip', onclick: () => void this.handoff() },
          icon('person'),
          ` ${t('human')}`,
        ),
      );
    }
    if (config.leadForm?.when === 'on_demand' && !this.leadSent() && !this.form)
      buttons.push(
        h('button', { type: 'button', class: 'sb-chip', onclick: () => this.showLeadForm() }, t('leadButton')),
      );
    this.parts.actions.replaceChildren(...buttons);
  }

  private async handoff(): Promise<void> {
    try {
      await this.ready();
      const { status, askContact } = (await (await this.app.api.post('/handoff', {})).json()) as {
        status: string;
        askContact?: boolean;
      };
      this.onStatus(status, null, false, Boolean(askContact));
    } catch (error) {
      this.note(error instanceof Error ? error.message : this.app.t('error'));
    }
  }

  /** Drops a form that was sent meanwhile (on another tab, or before a reload). */
  settle(): void {
    if (this.form && this.leadSent()) this.closeForm();
  }

  reset(): void {
    this.status = 'bot';
    this.assignee = null;
    this.form = null;
    this.contactSkipped = false;
    this.parts.box.el.hidden = false;
  }

  private closeForm(): void {
    this.form?.remove();
    this.form = null;
    this.parts.box.el.hidden = false;
    this.draw(false);
  }

  /** The agent's lead form; when the team asks for contact details and it has none, name, email and phone (the server's contact form). */
  private formFor(contact: boolean): WidgetConfig['leadForm'] {
    const { config, t } = this.app;
    if (config.leadForm || !contact) return config.leadForm;
    const fields = (['name', 'email', 'phone'] as const).map((key) => ({
      key,
      label: t(key),
      type: key === 'name' ? ('text' as const) : key,
      required: false,
    }));
    return { when: 'on_demand', title: null, fields, consent: null };
  }

  showLeadForm(contact = false): void {
    const { api, t, host } = this.app;
    const form = this.formFor(contact);
    if (!form || this.form || this.leadSent()) return;
    const beforeChat = form.when === 'before_chat';
    this.form = leadForm(
      form,
      t,
      async (values, consent) => {
        await this.ready();
        const lead = (await (await api.post('/lead', { values, consent })).json()).lead;
        (api.saved.lead ??= []).push(api.conversationId!);
        api.persist();
        host.emit('lead', { id: lead.id, values });
        this.closeForm();
        this.note(t('leadThanks'));
        this.parts.box.input.focus();
      },
      beforeChat
        ? undefined
        : () => {
            this.contactSkipped ||= contact;
            this.closeForm();
          },
    );
    this.parts.box.el.hidden = beforeChat;
    this.parts.log.appendChild(this.form);
    this.parts.log.scrollTop = this.parts.log.scrollHeight;
    this.draw(false);
    if (!this.parts.panel.hidden) this.firstField()?.focus();
  }

  firstField(): HTMLElement | null {
    return this.form?.querySelector<HTMLElement>('input,textarea,select') ?? null;
  }
}
