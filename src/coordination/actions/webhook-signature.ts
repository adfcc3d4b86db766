import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How a webhook proves it came from this node, per rule secret (documented in
 * docs/webhooks.md): HMAC-SHA256 over `<timestamp>.<body>`, where the timestamp is the
 * `Concord-Timestamp` header (seconds since the epoch) and the body the exact bytes sent.
 * Signing the time with the body lets a receiver refuse a replayed delivery by its age.
 *
 * @example
 *   const sig = webhookSignature(secret, 1767225600, '{"event":"alert"}'); // 'sha256=…'
 *   verifyWebhookSignature(secret, 1767225600, body, sig); // true
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifyWebhookSignature(secret: string, timestamp: number, body: string, signature: string): boolean {
  const expected = Buffer.from(webhookSignature(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The headers of a delivery: what it is, when it was signed, and the signature. */
export const WEBHOOK_HEADERS = {
  event: 'concord-event',
  delivery: 'concord-delivery',
  timestamp: 'concord-timestamp',
  signature: 'concord-signature',
  node: 'concord-node',
} as const;
