import { ApiError, type WidgetApi } from './api';
import { confirmCard, type PendingAction } from './confirm';
import type { Translate } from './i18n';
import type { RenderOptions } from './markdown';
import type { SseFrame } from './sse';
import { eventLine, feedbackRow, messageElement, paint, typingElement, type Citation, type ShownMessage } from './view';

interface MessageData {
  id: string;
  role: ShownMessage['role'];
  content: string;
  status: string;
  citations: Citation[];
  replyTo: string | null;
}

interface Turn {
  user: ShownMessage;
  bot: ShownMessage | null;
  typing: HTMLElement | null;
  key: string;
  citations: Citation[];
  done: boolean;
  /** An action the bot asked for waits for the visitor's confirmation. */
  tools: boolean;
  /** Aborts the turn's request when the visitor starts a new conversation mid-answer. */
  abort: AbortController;
}

export interface ConversationEvents {
  /** askContact: handed to a person outside business hours; the team asks for contact details. */
  status(status: string, assignee: string | null, initial: boolean, askContact: boolean): void;
  /** A message shown for the first time (own: the visitor's; history: it was there before this page). */
  added(message: ShownMessage, own: boolean, history: boolean): void;
  typing(name: string | null, typing: boolean): void;
  tool(name: string): void;
  offerHuman(): void;
  connection(ok: boolean): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** How long a turn is sent again after network failures: long enough for a server to restart. */
const RETRY_FOR_MS = 45_000;
/**
 * An answer a server crash cut off before anything was stored: not news. The turn's retry (the
 * same Idempotency-Key) answers it, and the finished answer arrives with the same id.
 */
const cutOff = (data: MessageData) => data.role === 'assistant' && data.status === 'interrupted' && !data.content;
const randomKey = () => `w-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

/**
 * One conversation on screen. Everything stored arrives on the event stream (history first,
 * then live), resumed after the last message seen whenever the connection drops; the visitor's
 * own turn streams on its POST and is matched to what the stream delivers by id, so a message
 * never shows twice. A turn whose POST fails is sent again with the same Idempotency-Key, for
 * long enough to outlast a server restart (the server then answers what a crash cut off).
 */
export class Conversation {
  readonly messages = new Map<string, ShownMessage>();
  lastId: string | null = null;
  private turn: Turn | null = null;
  private stream: AbortController | null = null;
  private initial = true;
  private painting = new Set<ShownMessage>();

  private log!: HTMLElement;
  private t!: Translate;
  /** Who said it, for screen readers (the team's messages: the person's name once known). */
  private labels!: (role: ShownMessage['role']) => string;
  private render!: RenderOptions;
  private on!: ConversationEvents;

  constructor(private readonly api: WidgetApi) {}

  /** Where it draws and whom it tells; a redrawn panel binds it again and nothing is lost. */
  bind(
    log: HTMLElement,
    t: Translate,
    labels: (role: ShownMessage['role']) => string,
    render: RenderOptions,
    on: ConversationEvents,
  ): void {
    this.log = log;
    this.t = t;
    this.labels = labels;
    this.render = render;
    this.on = on;
  }

  /** Forgets what is on screen (a new conversation). */
  reset(): void {
    this.stop();
    // A turn still streaming belongs to the old conversation: its answer is kept there, not here.
    if (this.turn) {
      this.turn.done = true;
      this.turn.abort.abort();
    }
    this.messages.clear();
    this.lastId = null;
    this.turn = null;
  }

  get following(): boolean {
    return this.stream !== null;
  }

  stop(): void {
    this.stream?.abort();
    this.stream = null;
  }

  /** Follows the conversation until stopped, reconnecting with backoff after the last id seen. */
  async follow(): Promise<void> {
    this.stop();
    const controller = (this.stream = new AbortController());
    this.initial = true;
    let delay = 1000;
    while (!controller.signal.aborted && this.api.conversationId) {
      try {
        await this.api.events(this.lastId, controller.signal, (frame) => {
          delay = 1000;
          this.on.connection(true);
          this.frame(frame);
        });
      } catch (error) {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429)
          return this.on.connection(true);
      }
      if (controller.signal.aborted) return;
      this.on.connection(false);
      await sleep(delay);
      delay = Math.min(delay * 2, 15_000);
    }
  }

  private frame(frame: SseFrame): void {
    const data = JSON.parse(frame.data);
    if (frame.event === 'status') {
      this.on.status(data.status, data.assignee?.name ?? null, this.initial, Boolean(data.askContact));
      this.initial = false;
    } else if (frame.event === 'message') {
      // Not counted as seen either: resuming after it would skip its finished version.
      if (cutOff(data)) return;
      if (frame.id) this.lastId = frame.id;
      this.upsert(data as MessageData);
    } else if (frame.event === 'typing') this.on.typing(data.name ?? null, Boolean(data.typing));
  }

  private show(
    role: ShownMessage['role'],
    content: string,
    id: string | null,
    citations: Citation[] = [],
  ): ShownMessage {
    const { el, body } = messageElement(role, this.labels(role));
    const message: ShownMessage = { id, role, content, citations, el, body };
    paint(message, this.t, this.render);
    this.place(el);
    if (id) this.messages.set(id, message);
    this.rateable(message);
    this.scroll();
    return message;
  }

  /** A stored answer of the bot gets thumbs up and down (once). */
  private rateable(message: ShownMessage): void {
    if (
      message.role !== 'assistant' ||
      !message.id ||
      message.content === this.t('error') ||
      message.el.querySelector('.sb-fb')
    )
      return;
    const id = message.id;
    const saved = this.api.saved;
    message.el.appendChild(
      feedbackRow(
        this.t,
        (rating, comment) => {
          // Kept for the next page load; the oldest go first past a few dozen.
          const thumbs = Object.entries({ ...saved.thumbs, [id]: rating as 'up' | 'down' }).slice(-40);
          saved.thumbs = Object.fromEntries(thumbs);
          this.api.persist();
          return this.api.post(`/messages/${id}/feedback`, { rating, comment });
        },
        saved.thumbs?.[id],
      ),
    );
  }

  /**
   * What the conversation already holds, before following it live from there: history is drawn
   * (and counted unread if the visitor has not seen it) but not reported to the page as new.
   */
  async history(): Promise<void> {
    const { messages } = (await (await this.api.call('/messages')).json()) as { messages: MessageData[] };
    for (const message of messages) {
      if (message.status === 'streaming' || cutOff(message)) continue;
      this.upsert(message, true);
      this.lastId = message.id;
    }
    void this.pending();
  }

  /** Actions the bot asked for that wait for the visitor's yes: shown again after a reload. */
  async pending(): Promise<void> {
    const body = await this.api
      .call('/actions')
      .then((r) => r.json() as Promise<{ actions: PendingAction[] }>)
      .catch(() => ({ actions: [] }));
    for (const action of body.actions) {
      if (this.log.querySelector(`[data-act="${action.id}"]`)) continue;
      const card = confirmCard(action, this.t, async (confirm) => {
        await this.api.post(`/actions/${action.id}`, { confirm });
        // The visitor's answer is a message, so the bot continues from the outcome.
        void this.send(this.t(confirm ? 'confirm' : 'cancel'));
      });
      this.place(card);
      this.scroll();
    }
  }

  private upsert(data: MessageData, history = false): void {
    const content = data.status === 'error' && !data.content ? this.t('error') : data.content;
    const known = this.messages.get(data.id);
    if (known) {
      if (known.content !== content) this.update(known, content, data.citations);
      return;
    }
    const turn = this.turn;
    if (turn && data.role === 'user' && !turn.user.id && data.content === turn.user.content) {
      turn.user.id = data.id;
      this.messages.set(data.id, turn.user);
      return;
    }
    if (turn && data.role === 'assistant' && turn.user.id && data.replyTo === turn.user.id)
      return this.finish(turn, data.id, content, data.citations);
    this.on.added(this.show(data.role, content, data.id, data.citations), data.role === 'user', history);
  }

  private update(message: ShownMessage, content: string, citations: Citation[]): void {
    message.content = content;
    message.citations = citations;
    this.schedule(message);
  }

  /** Repaints at most once a frame while tokens pour in. */
  private schedule(message: ShownMessage): void {
    if (this.painting.has(message)) return;
    this.painting.add(message);
    requestAnimationFrame(() => {
      this.painting.delete(message);
      paint(message, this.t, this.render);
      this.scroll();
    });
  }

  private finish(turn: Turn, id: string, content: string, citations: Citation[]): void {
    turn.typing?.remove();
    turn.done = true;
    if (this.turn === turn) this.turn = null;
    const existing = this.messages.get(id);
    if (existing && existing !== turn.bot) {
      turn.bot?.el.remove();
      return;
    }
    const bot = turn.bot ?? this.show('assistant', content, id, citations);
    bot.id = id;
    this.messages.set(id, bot);
    this.update(bot, content, citations);
    this.rateable(bot);
    this.on.added(bot, false, false);
  }

  async send(text: string): Promise<void> {
    const turn: Turn = {
      user: this.show('user', text, null),
      bot: null,
      typing: null,
      key: randomKey(),
      citations: [],
      done: false,
      tools: false,
      abort: new AbortController(),
    };
    this.on.added(turn.user, true, false);
    this.turn = turn;
    turn.typing = this.place(typingElement(this.t('botTyping')));
    this.scroll();
    const until = Date.now() + RETRY_FOR_MS;
    for (let attempt = 0; !turn.done && (attempt < 4 || Date.now() < until); attempt++) {
      if (attempt) await sleep(Math.min(800 * attempt, 5000));
      if (turn.done) break;
      turn.citations = [];
      let text = '';
      try {
        await this.api.send(turn.user.content, turn.key, turn.abort.signal, (frame) => {
          if (turn.done) return;
          const data = JSON.parse(frame.data);
          if (frame.event === 'token') {
            text += data.text;
            turn.typing?.remove();
            turn.bot ??= this.show('assistant', '', null);
            this.update(turn.bot, text, turn.citations);
          } else if (frame.event === 'citation') turn.citations.push(data);
          else if (frame.event === 'tool') {
            if (data.name === 'confirm_action') turn.tools = true;
            this.on.tool(data.name);
          } else if (frame.event === 'handoff') this.on.status('pending_human', null, false, Boolean(data.askContact));
          else if (frame.event === 'done') this.done(turn, data);
          else if (frame.event === 'error') {
            if (data.messageId) this.finish(turn, data.messageId, this.t('error'), []);
            else this.fail(turn, data.message);
          }
        });
      } catch (error) {
        if (turn.abort.signal.aborted) return;
        // A refusal (429, 4xx) is final; a network failure is retried with the same key.
        if (error instanceof ApiError && error.status < 500) return this.fail(turn, error.message);
      }
    }
    // Still not done: the server stayed out of reach. Said so; an answer stored meanwhile still
    // arrives on the event stream.
    if (!turn.done && !turn.abort.signal.aborted) this.fail(turn, '');
  }

  private done(
    turn: Turn,
    data: {
      userMessageId: string;
      messageId: string | null;
      content: string;
      citations: Citation[];
      status: string;
      offerHuman: boolean;
    },
  ): void {
    turn.user.id = data.userMessageId;
    this.messages.set(data.userMessageId, turn.user);
    if (!data.messageId) {
      // A person owns the conversation: the message waits for them.
      turn.typing?.remove();
      turn.bot?.el.remove();
      turn.done = true;
      this.turn = null;
      return;
    }
    this.finish(turn, data.messageId, data.content, data.citations);
    if (data.offerHuman) this.on.offerHuman();
    if (turn.tools) void this.pending();
  }

  private fail(turn: Turn, message: string): void {
    turn.typing?.remove();
    turn.bot?.el.remove();
    turn.done = true;
    if (this.turn === turn) this.turn = null;
    this.note(message || this.t('error'));
  }

  note(text: string): void {
    this.place(eventLine(text));
    this.scroll();
  }

  /**
   * Adds to the conversation, above an open lead form: the form stays last, in view, until it
   * is sent or put away (it may open before the message that asks for it arrives).
   */
  place<T extends HTMLElement>(el: T): T {
    return this.log.insertBefore(el, this.log.querySelector(':scope > .sb-lead'));
  }

  private scroll(): void {
    this.log.scrollTop = this.log.scrollHeight;
  }
}
