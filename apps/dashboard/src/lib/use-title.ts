import { useEffect } from 'react';

/** Screen readers announce the title on navigation; tabs show it too. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Switchboard` : 'Switchboard';
  }, [title]);
}
