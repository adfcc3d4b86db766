import type { Transaction } from 'kysely';
import { canonicalJson } from '../../store/audit-hash.js';
import type { Database } from '../../store/database-schema.js';
import { hashOfEvent, sha256Hex, WireEventSchema } from '../../exchange/feed/feed-event.js';
import { verifySignature } from '../../exchange/node-key.js';

/**
 * Whether `original` (a wire event, JSON) is `author`'s own signed event of `type` saying
 * `expected` (compared field by field, `skip` left out: a relay lowers the distribution).
 * The signature is checked with the author's key when this node knows the author; when it
 * does not, the caller decides whether the sender's word is enough.
 *
 * Returns 'verified', 'unverifiable' (well formed, author's key unknown here) or a problem.
 */
export async function checkOriginal(
  trx: Transaction<Database>,
  original: string | undefined,
  o: { byNode: string; type: string; field: 'entry' | 'incident'; expected: Record<string, unknown>; skip?: string },
): Promise<{ kind: 'verified' | 'unverifiable' } | { kind: 'bad'; problem: string }> {
  if (original === undefined) return { kind: 'bad', problem: `relayed without the author's (${o.byNode}) signed event` };
  let wire;
  let body: Record<string, unknown>;
  try {
    wire = WireEventSchema.parse(JSON.parse(original));
    if (wire.body === undefined) return { kind: 'bad', problem: "the author's event came without its body" };
    body = JSON.parse(wire.body) as Record<string, unknown>;
  } catch {
    return { kind: 'bad', problem: "the author's event is not a wire event" };
  }
  if (sha256Hex(wire.body) !== wire.bodyHash || hashOfEvent(wire) !== wire.hash) return { kind: 'bad', problem: "the author's event does not hash to its own fields" };
  if (body.type !== o.type || body.node !== o.byNode) return { kind: 'bad', problem: `the signed event is a ${String(body.type)} by ${String(body.node)}, not a ${o.type} by ${o.byNode}` };
  const strip = (v: unknown) => {
    const { [o.skip ?? '\u0000']: _skipped, ...rest } = (v ?? {}) as Record<string, unknown>;
    return canonicalJson(rest);
  };
  if (strip(body[o.field]) !== strip(o.expected)) return { kind: 'bad', problem: `the relayed ${o.field} differs from the one its author signed` };
  const author = await trx.selectFrom('partners').select('public_key').where('id', '=', o.byNode).executeTakeFirst();
  if (!author?.public_key) return { kind: 'unverifiable' };
  return verifySignature(author.public_key, wire.hash, wire.sig) ? { kind: 'verified' } : { kind: 'bad', problem: `the signature does not verify with ${o.byNode}'s key` };
}

/** This node's own id, as its partners table records it. */
export async function selfNodeId(trx: Transaction<Database>): Promise<string | undefined> {
  return (await trx.selectFrom('partners').select('id').where('kind', '=', 'self').executeTakeFirst())?.id;
}
