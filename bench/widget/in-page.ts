// Browser globals, used inside page.evaluate callbacks (this project compiles without the DOM library).
declare const window: any, document: any, MutationObserver: any, requestAnimationFrame: any;

/**
 * Measurement scripts run in the page. The launcher counts as visible at the first animation
 * frame after it is in the document (the loader attaches its host only once the launcher is in
 * it); the first token, at the first frame after the answer bubble has text.
 */
export const LAUNCHER_PROBE = `<script>
window.__t0 = performance.now();
new MutationObserver((_, observer) => {
  if (!document.querySelector('[data-switchboard]')) return;
  observer.disconnect();
  window.__appended = performance.now() - window.__t0;
  requestAnimationFrame(() => {
    // How long the browser took to fetch the loader and the look (request to last byte, and
    // the server's part: request sent to first byte), readable thanks to Timing-Allow-Origin.
    const fetchOf = (pattern) => {
      const entry = performance.getEntriesByType('resource').find((e) => pattern.test(e.name));
      return entry && { total: entry.responseEnd - entry.startTime, server: entry.responseStart - entry.requestStart };
    };
    window.__fetches = { loader: fetchOf(/[/]widget[.]js$/), config: fetchOf(/[/]config$/) };
    window.__visible = performance.now() - window.__t0;
  });
}).observe(document.documentElement, { childList: true, subtree: true });
</script>`;

/** Arms a probe: the time from the Enter that sends to the first answer text on screen. */
export function armFirstTokenProbe(): void {
  const root = document.querySelector('[data-switchboard]')!.shadowRoot!;
  const w = window as unknown as { __sent: number; __firstToken: number | null };
  w.__firstToken = null;
  const before = root.querySelectorAll('.sb-assistant:not(.sb-welcome)').length;
  document.addEventListener('keydown', (e: { key: string }) => e.key === 'Enter' && (w.__sent = performance.now()), {
    capture: true,
    once: true,
  });
  const observer = new MutationObserver(() => {
    const bubbles = root.querySelectorAll('.sb-assistant:not(.sb-welcome):not(.sb-typing) .sb-bubble');
    const last = bubbles[bubbles.length - 1];
    if (bubbles.length > before && last?.textContent?.trim()) {
      observer.disconnect();
      requestAnimationFrame(() => (w.__firstToken = performance.now() - w.__sent));
    }
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });
}
