const FOCUSABLE =
  'button:not([disabled]),a[href],input:not([disabled]):not([hidden]),select,textarea:not([disabled]),[tabindex]:not([tabindex="-1"])';

/**
 * Keyboard inside the open panel: Escape closes it; with `trap`, Tab and Shift+Tab cycle
 * through its controls instead of leaving for the page behind (a shadow root's focus is read
 * from the root, not the document).
 */
export function keepFocusIn(panel: HTMLElement, root: ShadowRoot, options: { trap: boolean; onEscape(): void }): void {
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') return options.onEscape();
    if (event.key !== 'Tab' || !options.trap) return;
    const items = Array.from(panel.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.offsetParent !== null);
    if (!items.length) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (event.shiftKey && root.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && root.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  });
}
