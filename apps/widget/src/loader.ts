/**
 * widget.js: what a site includes. It reads `data-agent`, asks for the widget's look, shows
 * the launcher, and loads the chat itself (widget/chat-*.js) when the visitor opens it or the
 * browser is idle. It also defines `window.Switchboard`, the page's API.
 */
import { safeColor, textOn } from './color';
import type { ChatController, Host, Identity, WidgetConfig, WidgetEvent } from './types';

declare const __CHAT_FILE__: string;

type Api = {
  open(): void;
  close(): void;
  identify(identity: Identity): void;
  on(event: WidgetEvent, fn: (data: unknown) => void): void;
  q?: unknown[][];
};
declare global {
  interface Window {
    Switchboard?: Api;
  }
}

const TAG = '[Switchboard]';
const ICONS: Record<string, string> = {
  chat: 'M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z',
  help: 'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3M12 17h.01',
  sparkle:
    'M12 3l1.9 5.1L19 10l-5.1 1.9L12 17l-1.9-5.1L5 10l5.1-1.9zM19 17l.8 2.2L22 20l-2.2.8L19 23l-.8-2.2L16 20l2.2-.8z',
  headset: 'M3 18v-6a9 9 0 0 1 18 0v6M21 19a2 2 0 0 1-2 2h-1v-7h3zM3 19a2 2 0 0 0 2 2h1v-7H3z',
  close: 'M18 6L6 18M6 6l12 12',
};
const OPEN_LABEL: Record<string, string> = {
  en: 'Open chat',
  es: 'Abrir chat',
  fr: 'Ouvrir le chat',
  de: 'Chat öffnen',
  pt: 'Abrir chat',
  ar: 'فتح المحادثة',
};
const CSS =
  ':host{all:initial}.l{position:fixed;bottom:20px;right:20px;z-index:2147483000;width:56px;height:56px;border-radius:50%;border:0;padding:0;cursor:pointer;' +
  'display:flex;align-items:center;justify-content:center;background:var(--p);color:var(--t);box-shadow:0 4px 14px rgba(0,0,0,.25)}.left .l{right:auto;left:20px}' +
  '.l:focus-visible{outline:3px solid #1d4ed8;outline-offset:3px}.l svg{width:28px;height:28px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}' +
  '.b{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;border-radius:10px;background:#b91c1c;color:#fff;font:700 12px/20px system-ui,sans-serif;padding:0 5px;box-sizing:border-box}' +
  '.b[hidden]{display:none}';

const script = (document.currentScript ?? document.querySelector('script[data-agent]')) as HTMLScriptElement | null;

function start(script: HTMLScriptElement): void {
  const key = script.dataset.agent ?? '';
  const mode = (
    script.dataset.mode === 'page' || script.dataset.mode === 'preview' ? script.dataset.mode : 'widget'
  ) as Host['mode'];
  const base = new URL(script.src, location.href).origin;
  const listeners: Record<string, Array<(data: unknown) => void>> = {};
  let identity: Identity | null = null;
  let chat: ChatController | null = null;
  let loading: Promise<ChatController | null> | null = null;
  let host: Host | null = null;
  if (!key) return console.error(`${TAG} The script tag needs data-agent="pk_…" (the widget's publishable key).`);

  const element = document.createElement('div');
  element.setAttribute('data-switchboard', '');
  const root = element.attachShadow({ mode: 'open' });

  const load = (): Promise<ChatController | null> =>
    (loading ??= new Promise((resolve) => {
      const tag = document.createElement('script');
      tag.src = `${base}/widget/${__CHAT_FILE__}`;
      tag.async = true;
      // Uncredentialed like the loader and its config request: one connection serves all three.
      tag.crossOrigin = 'anonymous';
      tag.onload = () => {
        chat = window.__switchboardChat!.mount(host!);
        if (identity) chat.identify(identity);
        resolve(chat);
      };
      tag.onerror = () => {
        console.error(`${TAG} Could not load the chat from ${base}.`);
        loading = null;
        resolve(null);
      };
      document.head.appendChild(tag);
    }));

  const api: Api = {
    open: () => void load().then((c) => c?.open()),
    close: () => chat?.close(),
    identify(value) {
      identity = value;
      chat?.identify(value);
    },
    on: (event, fn) => void (listeners[event] ??= []).push(fn),
  };
  // Calls queued by a stub defined before this script loaded: Switchboard = { q: [['identify', {…}]] }.
  const queued = window.Switchboard?.q ?? [];
  window.Switchboard = api;

  let launcher: HTMLButtonElement | null = null;
  let badge: HTMLElement | null = null;
  const icon = (name: string) =>
    `<svg viewBox="0 0 24 24" aria-hidden="true"><path d="${ICONS[name] ?? ICONS.chat}"/></svg>`;
  /** Applies a config's look to the launcher (again when a fresher config arrives). */
  const draw = (config: WidgetConfig) => {
    const color = safeColor(config.look.primaryColor);
    element.style.setProperty('--p', color);
    element.style.setProperty('--t', textOn(color));
    if (!launcher) return;
    const lang = (config.language === 'auto' ? navigator.language : config.language).slice(0, 2);
    launcher.setAttribute('aria-label', OPEN_LABEL[lang] ?? OPEN_LABEL.en!);
    launcher.parentElement!.className = config.look.position === 'bottom-left' ? 'left' : '';
    if (launcher.getAttribute('aria-expanded') !== 'true')
      launcher.firstElementChild!.outerHTML = icon(config.look.launcherIcon);
  };
  const show = (config: WidgetConfig) => {
    root.innerHTML = `<style>${CSS}</style>`;
    if (mode !== 'page') {
      launcher = document.createElement('button');
      launcher.className = 'l';
      launcher.type = 'button';
      launcher.setAttribute('aria-expanded', 'false');
      launcher.innerHTML = `${icon('chat')}<span class="b" hidden></span>`;
      badge = launcher.lastElementChild as HTMLElement;
      launcher.onclick = () => (launcher!.getAttribute('aria-expanded') === 'true' ? api.close() : api.open());
      root.appendChild(document.createElement('div')).appendChild(launcher);
    }
    draw(config);
    host = {
      root,
      base,
      key,
      mode,
      config,
      identity: () => identity,
      emit: (event, data) => listeners[event]?.forEach((fn) => fn(data)),
      setUnread(count) {
        if (!badge) return;
        badge.hidden = count === 0;
        badge.textContent = count > 9 ? '9+' : String(count);
      },
      setOpen(open) {
        if (!launcher) return;
        launcher.setAttribute('aria-expanded', String(open));
        launcher.firstElementChild!.outerHTML = icon(open ? 'close' : host!.config.look.launcherIcon);
      },
      launcher,
      resume: mode === 'page' ? (script.dataset.resume ?? null) : null,
    };
    document.body.appendChild(element);
    for (const [method, ...args] of queued) (api as any)[method as string]?.(...args);
    if (mode !== 'widget') api.open();
    else if ('requestIdleCallback' in window) requestIdleCallback(() => void load(), { timeout: 3000 });
    else setTimeout(() => void load(), 1500);
  };

  // A returning visitor's browser remembers the look: the launcher shows without waiting for
  // the network, and the answer below confirms it (or takes it away, if this site is no longer
  // allowed). A first visit waits for the answer, which the snippet's <link rel="preload">
  // started requesting alongside this script (this fetch, cors with default credentials, is
  // the request that preload matches).
  const CACHE = `sb:cfg:${key}`;
  let cached: WidgetConfig | null = null;
  try {
    cached = JSON.parse(localStorage.getItem(CACHE) ?? 'null');
  } catch {
    // storage blocked: no shortcut
  }
  if (cached) show(cached);
  fetch(`${base}/api/widget/v1/${encodeURIComponent(key)}/config`)
    .then(async (response) => {
      const body = await response.json().catch(() => null);
      if (!response.ok) throw new Error(body?.error?.message ?? `The chat answered ${response.status}.`);
      return body.widget as WidgetConfig;
    })
    .then((config) => {
      try {
        localStorage.setItem(CACHE, JSON.stringify(config));
      } catch {
        // storage blocked
      }
      if (!host) return show(config);
      if (JSON.stringify(config) === JSON.stringify(host.config)) return;
      host.config = config;
      draw(config);
      chat?.update(config);
    })
    .catch((error: Error) => {
      try {
        localStorage.removeItem(CACHE);
      } catch {
        // storage blocked
      }
      element.remove();
      console.error(`${TAG} ${error instanceof TypeError ? `Could not reach ${base}.` : error.message}`);
    });
}

if (script) start(script);
else console.error(`${TAG} widget.js must be loaded with a <script> tag.`);
