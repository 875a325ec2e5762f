const KEY = 'switchboard.lastWorkspace';

export function rememberWorkspace(id: string): void {
  try {
    localStorage.setItem(KEY, id);
  } catch {
    // Private browsing or storage disabled: the app still works, it just won't remember.
  }
}

export function lastWorkspace(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function forgetWorkspace(id: string): void {
  if (lastWorkspace() === id) {
    try {
      localStorage.removeItem(KEY);
    } catch {
      // See rememberWorkspace.
    }
  }
}
