import { createHash } from 'node:crypto';
import { z } from 'zod';
import { GENESIS_HASH } from '../../store/audit-hash.js';
import { verifySignature, verifySignatureAsync } from '../node-key.js';

/**
 * One event of a node's feed as it travels. `body` is the exact canonical JSON string the
 * origin hashed, so no receiver has to re-serialise anything to check a signature.
 *
 *   bodyHash = SHA-256(body)
 *   v1 hash  = SHA-256("concord-feed/1\n" seq "\n" prevHash "\n" bodyHash)
 *   v2 hash  = SHA-256("concord-feed/2\n" seq "\n" prevHash "\n" bodyHash "\n" audience "\n" audienceTag)
 *   sig      = Ed25519(node key, hash as hex text)
 *
 * A partner that may not see an event gets it without `body`: the chain and the
 * signatures still verify end to end, and the event's content never leaves the node.
 * Version 2 binds who may see the body into the signed hash (see feed-audience.ts), so
 * a receiver can tell a legitimate stub from a body stripped on the way. Events stored
 * before version 2 keep their v1 hash: rehashing them would break the chain partners
 * already hold, and a v1 hash cannot be passed off as v2 (the prefix differs).
 */
export interface WireEvent {
  readonly seq: number;
  readonly prevHash: string;
  readonly bodyHash: string;
  readonly hash: string;
  readonly sig: string;
  readonly body?: string;
  /** Hash version: absent for v1 events, 2 for events whose audience is signed. */
  readonly v?: 2;
  /** v2: the distribution level that decides who gets the body. */
  readonly audience?: string;
  /** v2: audienceTag(node) of the one extra partner that gets the body, or ''. */
  readonly audienceTag?: string;
}

export const WireEventSchema = z.object({
  seq: z.number().int().positive(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  bodyHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  sig: z.string().max(100),
  body: z.string().max(1_000_000).optional(),
  v: z.literal(2).optional(),
  audience: z.string().max(200).optional(),
  audienceTag: z.string().regex(/^([0-9a-f]{64})?$/).optional(),
});

/** The page head as the publisher signs it: see feed-head.ts. */
export const PageHeadProofSchema = z.object({
  at: z.string().max(40),
  partner: z.string().max(100),
  after: z.number().int().nonnegative(),
  groups: z.array(z.string().max(100)).max(1000),
  sig: z.string().max(100),
  /** The publisher's key rotations after the page, when the head is signed by a key the reader has not reached yet. */
  rotations: z.array(WireEventSchema).max(100).optional(),
});

export const FeedPageSchema = z.object({
  node: z.string(),
  head: z.number().int().nonnegative(),
  /** Signs node, head, time, the requesting partner and its groups here. */
  headProof: PageHeadProofSchema.optional(),
  events: z.array(WireEventSchema),
  /** Events beyond the page that go ahead of routine ones (feed-priority.ts); each verified on its own. */
  priority: z.array(WireEventSchema).max(1000).optional(),
});
export type FeedPage = z.infer<typeof FeedPageSchema>;

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The v1 event hash: events stored before the audience was signed keep it. */
export function eventHash(seq: number, prevHash: string, bodyHash: string): string {
  return sha256Hex(`concord-feed/1\n${seq}\n${prevHash}\n${bodyHash}`);
}

/** Stands for the one extra partner an event goes to, without naming it to the others. */
export const audienceTag = (node: string | null | undefined): string => (node ? sha256Hex(`concord-audience-node/1\n${node}`) : '');

/** The v2 event hash: also covers who may see the body. */
export function eventHashV2(seq: number, prevHash: string, bodyHash: string, audience: string, tag: string): string {
  return sha256Hex(`concord-feed/2\n${seq}\n${prevHash}\n${bodyHash}\n${audience}\n${tag}`);
}

/** The hash an event's own fields give, by its version; undefined when a v2 event lacks its audience. */
export function hashOfEvent(e: WireEvent): string | undefined {
  if (e.v === undefined) return e.audience === undefined && e.audienceTag === undefined ? eventHash(e.seq, e.prevHash, e.bodyHash) : undefined;
  if (e.audience === undefined || e.audienceTag === undefined) return undefined;
  return eventHashV2(e.seq, e.prevHash, e.bodyHash, e.audience, e.audienceTag);
}

export const FEED_GENESIS = GENESIS_HASH;

/** The stub a partner gets for an event it may not see. */
export const redact = (e: WireEvent): WireEvent => {
  const { body: _body, ...stub } = e;
  return stub;
};

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
    if (hashOfEvent(e) !== e.hash) return { problem: `event ${e.seq}: the hash does not cover its fields`, signers, publicKey };
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
