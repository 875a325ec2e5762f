import { Children, isValidElement, lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { createRoutesFromElements, matchRoutes } from 'react-router';

export type LazyPage<P extends object> = LazyExoticComponent<ComponentType<P>> & { preload(): Promise<unknown> };

/**
 * A page component loaded from its own chunk on first render (React.lazy for a named export).
 * `preload()` starts that download early and is safe to call any number of times.
 */
export function lazyPage<K extends string, P extends object>(load: () => Promise<Record<K, ComponentType<P>>>, name: K): LazyPage<P> {
  type Loaded = { default: ComponentType<P> };
  let loading: Promise<Loaded> | undefined;
  let loaded: Loaded | undefined;
  const preload = () =>
    (loading ??= load().then(
      (module) => (loaded = { default: module[name] }),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  // Once downloaded, the page renders at once: React.lazy suspends on any promise, and a
  // suspended boundary is revealed only after React's fallback throttle (a few hundred ms),
  // which every level of a preloaded layout and page would pay again. A thenable that calls
  // back synchronously lets lazy resolve without suspending.
  const page = lazy(() => (loaded ? ({ then: (resolve: (value: Loaded) => void) => resolve(loaded!) } as unknown as Promise<Loaded>) : preload())) as LazyPage<P>;
  page.preload = preload;
  return page;
}

/**
 * Starts downloading the chunks of every page the address matches (a layout and the page in
 * it), so that a first visit fetches them beside the session check instead of one after the
 * other as each level renders.
 */
export function preloadRoute(routes: ReactNode, pathname: string): void {
  for (const match of matchRoutes(createRoutesFromElements(routes), pathname) ?? []) preloadIn(match.route.element);
}

function preloadIn(node: ReactNode): void {
  Children.forEach(node, (child) => {
    if (!isValidElement<{ children?: ReactNode }>(child)) return;
    const type = child.type as Partial<LazyPage<object>>;
    // A failed download is for the page to report when it renders (it asks again then).
    if (typeof type.preload === 'function') type.preload().catch(() => undefined);
    preloadIn(child.props.children);
  });
}
