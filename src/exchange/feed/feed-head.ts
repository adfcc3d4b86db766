import { canonicalJson } from '../../store/audit-hash.js';
import { verifySignature } from '../node-key.js';
import { hashOfEvent, sha256Hex, type FeedPage, type WireEvent } from './feed-event.js';

/** What a page head signature covers. */
export interface PageHead {
  readonly node: string;
  readonly head: number;
  readonly at: string;
  /** The partner the page was served to, so the head cannot be replayed to another one. */
  readonly partner: string;
  /** The position the page starts after, so it cannot be replayed to another request. */
  readonly after: number;
  /** The sharing groups the publisher holds for `partner`: what its stubs are checked against. */
  readonly groups: readonly string[];
}

/** How far a head's time may be from the reader's clock: clocks drift, replays age. */
export const HEAD_MAX_SKEW_MS = 5 * 60_000;

const headText = (h: PageHead): string => canonicalJson({ kind: 'concord-feed-head/1', node: h.node, head: h.head, at: h.at, partner: h.partner, after: h.after, groups: [...h.groups].sort() });

/**
 * The signed head of a page, for the publisher.
 *
 *   { node, head, headProof: signHead(h, (t) => key.sign(t)), events }
 */
export function signHead(h: PageHead, sign: (text: string) => string, rotations: readonly WireEvent[] = []): NonNullable<FeedPage['headProof']> {
  return { at: h.at, partner: h.partner, after: h.after, groups: [...h.groups].sort(), sig: sign(headText(h)), ...(rotations.length > 0 ? { rotations: [...rotations] } : {}) };
}

/**
 * The key that signs the head: the key in force after the page, handed on by each
 * rotation the publisher sent along, each one signed by the key before it.
 */
function headKey(rotations: readonly WireEvent[], publicKey: string, lastSeq: number): { key: string } | { problem: string } {
  let key = publicKey;
  let seq = lastSeq;
  for (const r of rotations) {
    const bad = { problem: `the key rotation (event ${r.seq}) sent with the head does not verify` };
    if (r.seq <= seq || r.body === undefined || sha256Hex(r.body) !== r.bodyHash || hashOfEvent(r) !== r.hash || !verifySignature(key, r.hash, r.sig)) return bad;
    let body: { type?: unknown; previous?: unknown; publicKey?: unknown };
    try {
      body = JSON.parse(r.body) as typeof body;
    } catch {
      return bad;
    }
    if (body.type !== 'key.rotated' || body.previous !== key || typeof body.publicKey !== 'string') return bad;
    key = body.publicKey;
    seq = r.seq;
  }
  return { key };
}

/**
 * Checks a page's head for the reader: signed by the key in force after the page, for
 * this reader and this request, recent, and not behind the page's own events. Returns the
 * groups it states, or a problem.
 */
export function checkHead(
  page: FeedPage,
  expected: { node: string; partner: string; after: number; lastSeq: number; publicKey: string; now: number; maxSkewMs?: number },
): { problem: string } | { groups: readonly string[] } {
  const p = page.headProof;
  if (!p) return { problem: 'the page head is not signed' };
  const signer = headKey(p.rotations ?? [], expected.publicKey, expected.lastSeq);
  if ('problem' in signer) return signer;
  if (!verifySignature(signer.key, headText({ node: page.node, head: page.head, at: p.at, partner: p.partner, after: p.after, groups: p.groups }), p.sig)) {
    return { problem: 'the page head signature does not verify (head or groups altered on the way)' };
  }
  if (page.node !== expected.node) return { problem: `the head is for the feed of ${page.node}` };
  if (p.partner !== expected.partner) return { problem: `the head was signed for ${p.partner}, not for this node (replayed)` };
  if (p.after !== expected.after) return { problem: `the head answers a request after ${p.after}, not after ${expected.after} (replayed)` };
  const age = Math.abs(expected.now - Date.parse(p.at));
  if (!(age <= (expected.maxSkewMs ?? HEAD_MAX_SKEW_MS))) return { problem: `the head is dated ${p.at}, too far from now (replayed or a wrong clock)` };
  if (page.head < expected.lastSeq) return { problem: `the head ${page.head} is behind the page's last event ${expected.lastSeq}` };
  return { groups: p.groups };
}
