import { Children, isValidElement, useSyncExternalStore, type ReactNode } from 'react';
import { createRoutesFromElements, matchRoutes } from 'react-router';
import type { LazyPage } from './lazy-page';

// Whether the chunks of the page the dashboard opened on have arrived (or failed).
let openingReady = true;
const listeners = new Set<() => void>();
const setOpeningReady = (ready: boolean) => {
  openingReady = ready;
  listeners.forEach((listener) => listener());
};

/**
 * Starts downloading the chunks of every page the address matches (a layout and the page in
 * it) at once, instead of one level after the other as each renders; `useOpeningPageReady`
 * says when they are in.
 */
export function preloadRoute(routes: ReactNode, pathname: string): void {
  const loads: Array<Promise<unknown>> = [];
  const collect = (node: ReactNode) =>
    Children.forEach(node, (child) => {
      if (!isValidElement<{ children?: ReactNode }>(child)) return;
      const type = child.type as Partial<LazyPage<object>>;
      if (typeof type.preload === 'function') loads.push(type.preload());
      collect(child.props.children);
    });
  for (const match of matchRoutes(createRoutesFromElements(routes), pathname) ?? []) collect(match.route.element);
  if (!loads.length) return;
  setOpeningReady(false);
  // A failed download is for the page to report when it renders (it asks again then).
  void Promise.allSettled(loads).then(() => setOpeningReady(true));
}

/**
 * False while the opening page's chunks are on their way. A layout that waits for them shows
 * its own loading state instead of suspending: a suspended page is revealed only after React's
 * fallback throttle (a few hundred ms), which a first visit would pay at every level.
 */
export function useOpeningPageReady(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => openingReady,
  );
}
