/**
 * The API key lives in sessionStorage only: it is gone when the tab closes, and sign-out
 * forgets it at once. It is never written to localStorage, a cookie or a URL.
 */
const KEY = 'concord.apiKey';

export const session = {
  key(): string | null {
    return sessionStorage.getItem(KEY);
  },
  signIn(key: string): void {
    sessionStorage.setItem(KEY, key);
  },
  signOut(): void {
    sessionStorage.removeItem(KEY);
  },
};
