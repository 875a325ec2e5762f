/** Where people reach this installation (APP_URL, or the local address once listening). */
let current = 'http://localhost:3000';

export function setAppUrl(url: string): void {
  current = url.replace(/\/+$/, '');
}

export function appUrl(): string {
  return current;
}
