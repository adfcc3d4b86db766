import { audienceTag, eventHashV2, sha256Hex, type WireEvent } from './feed-event.js';

/**
 * One v2 feed event, hashed and signed: the audience is part of what is signed, so a
 * receiver can check that a stub is really for an event it may not see.
 *
 *   signedEvent(key, 1, FEED_GENESIS, '{"type":"x"}', 'partners', null)
 */
export function signedEvent(
  signer: { sign(data: string): string },
  seq: number,
  prevHash: string,
  body: string,
  audience: string,
  audienceNode: string | null,
): WireEvent & { body: string } {
  const bodyHash = sha256Hex(body);
  const tag = audienceTag(audienceNode);
  const hash = eventHashV2(seq, prevHash, bodyHash, audience, tag);
  return { seq, prevHash, bodyHash, hash, sig: signer.sign(hash), body, v: 2, audience, audienceTag: tag };
}

/** A stored feed row as it travels (with its body); v1 rows carry no audience fields, as they were hashed. */
export function wireOf(r: { seq: number; prev_hash: string; body_hash: string; hash: string; sig: string; body: string; audience: string; audience_node: string | null; hash_version: number }): WireEvent & { body: string } {
  const base = { seq: Number(r.seq), prevHash: r.prev_hash, bodyHash: r.body_hash, hash: r.hash, sig: r.sig, body: r.body };
  return Number(r.hash_version) === 2 ? { ...base, v: 2, audience: r.audience, audienceTag: audienceTag(r.audience_node) } : base;
}
