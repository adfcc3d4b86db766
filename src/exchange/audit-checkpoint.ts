import { z } from 'zod';
import { hashOfEvent, sha256Hex, WireEventSchema } from './feed/feed-event.js';
import { verifySignature } from './node-key.js';

/**
 * A signed statement of a node's audit chain at one moment: its length and the hash of
 * its last entry. Published as an `audit.checkpoint` feed event (audience `network`: it
 * reveals no content), kept by every partner that receives it, and served back on request,
 * so a chain truncated or rewritten later no longer matches what partners hold.
 */
export interface AuditCheckpoint {
  /** The node whose audit chain it is. */
  readonly node: string;
  /** The checkpoint's event in that node's feed. */
  readonly feedSeq: number;
  /** Audit entries covered: entry `length` must still hash to `head`. */
  readonly length: number;
  readonly head: string;
  readonly at: string;
  /** The signed feed event (wire JSON): the proof that the node itself published it. */
  readonly event: string;
}

export const AUDIT_CHECKPOINT_TYPE = 'audit.checkpoint';

export const AuditCheckpointBody = z.object({
  type: z.literal(AUDIT_CHECKPOINT_TYPE),
  at: z.string(),
  node: z.string(),
  length: z.number().int().positive(),
  head: z.string().regex(/^[0-9a-f]{64}$/),
});

export const AuditCheckpointSchema = z.object({
  node: z.string().max(100),
  feedSeq: z.number().int().positive(),
  length: z.number().int().positive(),
  head: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string().max(40),
  event: z.string().max(10_000),
});

/**
 * A checkpoint from a received feed event (already verified as part of its page), or
 * undefined when the event is not a checkpoint by the node it came from.
 *
 *   checkpointFromEvent({ seq: 9, body: '{"type":"audit.checkpoint",…}', … }, 'node-a')
 */
export function checkpointFromEvent(e: { seq: number; body?: string }, wire: string, from: string): AuditCheckpoint | undefined {
  if (e.body === undefined || !e.body.includes(`"${AUDIT_CHECKPOINT_TYPE}"`)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(e.body);
  } catch {
    return undefined;
  }
  const body = AuditCheckpointBody.safeParse(json);
  if (!body.success || body.data.node !== from) return undefined;
  return { node: from, feedSeq: e.seq, length: body.data.length, head: body.data.head, at: body.data.at, event: wire };
}

/**
 * Whether a checkpoint served by a partner is really this node's own: its event hashes to
 * what it says, states the same length and head, and is signed by one of `keys` (the
 * node's current and earlier keys). A partner cannot make up checkpoints to raise alarms.
 */
export function checkpointIsGenuine(cp: AuditCheckpoint, keys: readonly string[]): boolean {
  let wire: z.infer<typeof WireEventSchema>;
  try {
    const parsed = WireEventSchema.safeParse(JSON.parse(cp.event));
    if (!parsed.success) return false;
    wire = parsed.data;
  } catch {
    return false;
  }
  if (wire.body === undefined || sha256Hex(wire.body) !== wire.bodyHash || hashOfEvent(wire) !== wire.hash || wire.seq !== cp.feedSeq) return false;
  const again = checkpointFromEvent(wire, cp.event, cp.node);
  if (!again || again.length !== cp.length || again.head !== cp.head) return false;
  return keys.some((k) => verifySignature(k, wire.hash, wire.sig));
}

/** One way the audit chain disagrees with a checkpoint; undefined when it agrees. */
export function chainDisagrees(cp: Pick<AuditCheckpoint, 'length' | 'head'>, entry: { seq: number; hash: string } | undefined, chainLength: number): string | undefined {
  if (!entry) return `the chain has ${chainLength} entries, but a checkpoint signed at ${cp.length} says it had at least ${cp.length} (truncated)`;
  if (entry.hash !== cp.head) return `entry ${cp.length} hashes differently from the signed checkpoint at that length (the chain was rewritten)`;
  return undefined;
}
