/** What the widget keeps across page loads, per publishable key (nothing when storage is blocked). */
export interface Saved {
  /** Visitor id and the key that proves it. */
  v?: string;
  k?: string;
  /** The current conversation. */
  c?: string;
  /** The last message the visitor has seen (for the unread count). */
  seen?: string;
  /** Conversations rated, and whose lead form was sent. */
  rated?: string[];
  lead?: string[];
  /** The visitor's thumbs on answers, by message id (the latest few), shown again after a reload. */
  thumbs?: Record<string, 'up' | 'down'>;
}

export function loadSaved(key: string): Saved {
  try {
    return JSON.parse(localStorage.getItem(`sb:${key}`) ?? '{}') as Saved;
  } catch {
    return {};
  }
}

export function save(key: string, value: Saved): void {
  try {
    localStorage.setItem(`sb:${key}`, JSON.stringify(value));
  } catch {
    // Private browsing: the conversation lasts as long as the page.
  }
}
