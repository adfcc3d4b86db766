import { session } from './session';

/** An answer of the API that is not 2xx, with the catalogue's stable error code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Listeners told when the API refuses the key (401), so the shell can return to sign-in. */
const unauthorised = new Set<() => void>();
export const onUnauthorised = (fn: () => void): (() => void) => {
  unauthorised.add(fn);
  return () => unauthorised.delete(fn);
};

/**
 * Calls the node's public API with the session's key as a bearer token. JSON in and
 * out; a FormData body goes as multipart (a file to hash).
 *
 * @example
 *   const { banks } = await api<{ banks: Bank[] }>('/v1/banks');
 */
export async function api<T>(path: string, init: { method?: string; body?: unknown; key?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const key = init.key ?? session.key();
  if (key) headers.authorization = `Bearer ${key}`;
  let body: BodyInit | undefined;
  if (init.body instanceof FormData) body = init.body;
  else if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  const res = await fetch(path, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, credentials: 'omit', cache: 'no-store' });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    if (res.status === 401 && init.key === undefined) for (const fn of unauthorised) fn();
    const error = (json as { error?: { code?: string; message?: string } }).error;
    throw new ApiError(res.status, error?.code ?? 'HTTP_' + res.status, error?.message ?? res.statusText);
  }
  return json as T;
}

/** A query string from the fields that are set. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A non-JSON answer of the API (the printable report), as text, with the session's key. */
export async function apiText(path: string): Promise<string> {
  const key = session.key();
  const res = await fetch(path, { headers: key ? { authorization: `Bearer ${key}` } : {}, credentials: 'omit', cache: 'no-store' });
  if (!res.ok) {
    const error = ((await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } }).error;
    throw new ApiError(res.status, error?.code ?? 'HTTP_' + res.status, error?.message ?? res.statusText);
  }
  return res.text();
}

/**
 * Answers asked for before the page that reads them is drawn: the landing page's first
 * figures travel while the bundle still starts up. Each is taken once; later reads ask again.
 */
const early = new Map<string, Promise<unknown>>();

export function prefetch(path: string): void {
  const answer = api(path);
  answer.catch(() => undefined); // the page that takes it handles a failure
  early.set(path, answer);
}

/** The prefetched answer for `path`, or a fresh request. */
export function apiOnce<T>(path: string): Promise<T> {
  const answer = early.get(path);
  early.delete(path);
  return (answer as Promise<T> | undefined) ?? api<T>(path);
}
