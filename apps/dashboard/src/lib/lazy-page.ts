import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export type LazyPage<P extends object> = LazyExoticComponent<ComponentType<P>> & { preload(): Promise<unknown> };

/**
 * A page component loaded from its own chunk on first render (React.lazy for a named export).
 * `preload()` starts that download early and is safe to call any number of times.
 */
export function lazyPage<K extends string, P extends object>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K,
): LazyPage<P> {
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
  const page = lazy(() =>
    loaded
      ? ({ then: (resolve: (value: Loaded) => void) => resolve(loaded!) } as unknown as Promise<Loaded>)
      : preload(),
  ) as LazyPage<P>;
  page.preload = preload;
  return page;
}
