/**
 * HTTP to a node under fault, with each answer sorted the way a fault run needs: an
 * acknowledgement (2xx), a refusal (4xx: the node decided, nothing stored), no answer
 * (connection reset, timeout, 5xx: the write may or may not have committed), or not sent
 * at all (connection refused while no process listens).
 *
 * @example
 *   const out = await callNode('http://127.0.0.1:7400', 'POST', '/v1/match', key, body);
 *   if (out.kind === 'ack') use(out.json);
 */
export type Outcome =
  | { readonly kind: 'ack'; readonly status: number; readonly json: any }
  | { readonly kind: 'refused'; readonly status: number; readonly code: string }
  | { readonly kind: 'unanswered'; readonly detail: string }
  /** The connection was refused: nothing reached the node, so nothing was stored. */
  | { readonly kind: 'unsent'; readonly detail: string };

/** Longer than any request of a healthy node takes, shorter than a run. */
const REQUEST_TIMEOUT_MS = 20_000;

export async function callNode(baseUrl: string, method: string, path: string, key: string | null, body?: unknown): Promise<Outcome> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    text = await res.text();
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    if (cause === 'ECONNREFUSED') return { kind: 'unsent', detail: cause };
    return { kind: 'unanswered', detail: cause ?? (err as Error).name };
  }
  let json: any = text;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  if (res.status >= 200 && res.status < 300) return { kind: 'ack', status: res.status, json };
  const code = typeof json === 'object' && json?.error?.code ? String(json.error.code) : `HTTP ${res.status}`;
  if (res.status >= 500) return { kind: 'unanswered', detail: code };
  return { kind: 'refused', status: res.status, code };
}

/** Calls until the node acknowledges, for set-up and checks after the faults stopped. */
export async function callUntilAck(baseUrl: string, method: string, path: string, key: string | null, body?: unknown, ms = 60_000): Promise<any> {
  const deadline = Date.now() + ms;
  for (;;) {
    const out = await callNode(baseUrl, method, path, key, body);
    if (out.kind === 'ack') return out.json;
    if (out.kind === 'refused') throw new Error(`${method} ${path} refused: ${out.status} ${out.code}`);
    if (Date.now() > deadline) throw new Error(`${method} ${path} not answered for ${ms} ms: ${out.detail}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
