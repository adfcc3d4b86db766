import { createHash } from 'node:crypto';
import { z } from 'zod';
import { GENESIS_HASH } from '../../store/audit-hash.js';
import { verifySignature, verifySignatureAsync } from '../node-key.js';

/**
 * One event of a node's feed as it travels. `body` is the exact canonical JSON string the
 * origin hashed, so no receiver has to re-serialise anything to check a signature.
 *
 *   bodyHash = SHA-256(body)
 *   hash     = SHA-256("concord-feed/1\n" seq "\n" prevHash "\n" bodyHash)
 *   sig      = Ed25519(node key, hash as hex text)
 *
 * A partner that may not see an event gets it without `body`: the chain and the
 * signatures still verify end to end, and the event's content never leaves the node.
 */
export interface WireEvent {
  readonly seq: number;
  readonly prevHash: string;
  readonly bodyHash: string;
  readonly hash: string;
  readonly sig: string;
  readonly body?: string;
}

export const WireEventSchema = z.object({
  seq: z.number().int().positive(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  bodyHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  sig: z.string().max(100),
  body: z.string().max(1_000_000).optional(),
});

export const FeedPageSchema = z.object({
  node: z.string(),
  head: z.number().int().nonnegative(),
  events: z.array(WireEventSchema),
});
export type FeedPage = z.infer<typeof FeedPageSchema>;

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

export function eventHash(seq: number, prevHash: string, bodyHash: string): string {
  return sha256Hex(`concord-feed/1\n${seq}\n${prevHash}\n${bodyHash}`);
}

export const FEED_GENESIS = GENESIS_HASH;

/** The stub a partner gets for an event it may not see. */
export const redact = (e: WireEvent): WireEvent => ({ seq: e.seq, prevHash: e.prevHash, bodyHash: e.bodyHash, hash: e.hash, sig: e.sig });

/** The key a rotation event hands over to, if `e` is one made by `current`. */
function rotationTo(e: WireEvent, current: string): string | undefined {
  if (e.body === undefined || !e.body.includes('"key.rotated"')) return undefined;
  try {
    const body = JSON.parse(e.body) as { type?: unknown; previous?: unknown; publicKey?: unknown };
    return body.type === 'key.rotated' && body.previous === current && typeof body.publicKey === 'string' ? body.publicKey : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The cheap half of a page check: contiguous sequence numbers from `afterSeq + 1`, each
 * event linked to the one before, body and event hashes. Also works out which key must
 * have signed each event: a `key.rotated` event is signed by the key in force, the events
 * after it by the new key. A replayed page (old sequence numbers), a reordered one, a gap
 * or an altered event fails here, before any signature work.
 */
function checkChain(events: readonly WireEvent[], afterSeq: number, afterHash: string, publicKey: string): { problem?: string; signers: string[]; publicKey: string } {
  let seq = afterSeq;
  let prev = afterHash;
  let key = publicKey;
  const signers: string[] = [];
  for (const e of events) {
    if (e.seq !== seq + 1) return { problem: `expected event ${seq + 1}, got ${e.seq} (replayed, reordered or missing events)`, signers, publicKey };
    if (e.prevHash !== prev) return { problem: `event ${e.seq} does not link to event ${seq} (broken chain)`, signers, publicKey };
    if (e.body !== undefined && sha256Hex(e.body) !== e.bodyHash) return { problem: `event ${e.seq}: the body does not match its hash`, signers, publicKey };
    if (eventHash(e.seq, e.prevHash, e.bodyHash) !== e.hash) return { problem: `event ${e.seq}: the hash does not cover its fields`, signers, publicKey };
    signers.push(key);
    key = rotationTo(e, key) ?? key;
    seq = e.seq;
    prev = e.hash;
  }
  return { signers, publicKey: key };
}

const badSignature = (e: WireEvent) => `event ${e.seq}: the signature does not verify with the partner's key`;

/** Checks a page against the cursor: the chain (see checkChain) and every signature. Returns the first problem. */
export function checkPage(events: readonly WireEvent[], afterSeq: number, afterHash: string, publicKey: string): string | undefined {
  const chain = checkChain(events, afterSeq, afterHash, publicKey);
  if (chain.problem) return chain.problem;
  const bad = events.findIndex((e, i) => !verifySignature(chain.signers[i]!, e.hash, e.sig));
  return bad < 0 ? undefined : badSignature(events[bad]!);
}

/**
 * checkPage with the signatures verified in parallel on libuv's thread pool, off the event
 * loop, so a puller can verify one page while it applies the previous one. Returns the key
 * in force after the page.
 */
export async function checkPageAsync(events: readonly WireEvent[], afterSeq: number, afterHash: string, publicKey: string): Promise<{ problem?: string; publicKey: string }> {
  const chain = checkChain(events, afterSeq, afterHash, publicKey);
  if (chain.problem) return { problem: chain.problem, publicKey };
  const verdicts = await Promise.all(events.map((e, i) => verifySignatureAsync(chain.signers[i]!, e.hash, e.sig).catch(() => false)));
  const bad = verdicts.indexOf(false);
  return bad < 0 ? { publicKey: chain.publicKey } : { problem: badSignature(events[bad]!), publicKey };
}
