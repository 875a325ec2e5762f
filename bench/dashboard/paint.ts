// Browser globals, used inside the page (this project compiles without the DOM library).
declare const window: any, document: any, MutationObserver: any, PerformanceObserver: any, requestAnimationFrame: any;

/**
 * Runs in every page before its own scripts: records the first contentful paint, and the
 * first animation frame after an `h1` is in the document (the page's own content, past any
 * loading spinner: the sign-in card's title, the inbox's header).
 */
export function paintProbe(): void {
  const w = window as { __fcp?: number; __ready?: number };
  new PerformanceObserver((list: any) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') w.__fcp = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
  const check = () => {
    if (w.__ready !== undefined || !document.querySelector('h1')) return false;
    requestAnimationFrame(() => (w.__ready ??= performance.now()));
    return true;
  };
  new MutationObserver((_: unknown, observer: any) => check() && observer.disconnect()).observe(document, {
    childList: true,
    subtree: true,
  });
}
