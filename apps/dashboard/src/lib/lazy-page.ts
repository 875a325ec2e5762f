import { lazy, type ComponentType } from 'react';

/** A page component loaded from its own chunk on first render (React.lazy for a named export). */
export function lazyPage<K extends string, P extends object>(load: () => Promise<Record<K, ComponentType<P>>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}
