import { z } from 'zod';

/**
 * What feed events say. The type is open: a node records and skips event types it does
 * not know (incidents and referrals come later), so newer partners never stall older ones.
 */
export const SharedSignalSchema = z.object({
  uid: z.string().min(1).max(100),
  /** The node where the signal was first contributed. */
  origin: z.string().min(1).max(100),
  /** The bank's name at the origin, so a receiver can keep one bank per source. */
  bank: z.string().max(200),
  type: z.string().min(1).max(64),
  value: z.string().min(1).max(65536),
  label: z.string(),
  reason: z.string(),
  contributor: z.string(),
  distribution: z.string(),
  status: z.string(),
  createdAt: z.string(),
  /** The incident it was added under (network-wide id), if any: its matches roll up to it. */
  incident: z.string().max(100).optional(),
});
export type SharedSignal = z.infer<typeof SharedSignalSchema>;

const Base = { at: z.string(), node: z.string() };

export const SignalAddedBody = z.object({
  ...Base,
  type: z.literal('signal.added'),
  signal: SharedSignalSchema,
  /** When relayed: the origin's own signed event, passed on unchanged. */
  original: z.string().max(200_000).optional(),
});
export const SignalRetractedBody = z.object({ ...Base, type: z.literal('signal.retracted'), uid: z.string(), reason: z.string() });
export const LabelChangedBody = z.object({ ...Base, type: z.literal('signal.label_changed'), uid: z.string(), label: z.string(), reason: z.string() });
export const StatusChangedBody = z.object({ ...Base, type: z.literal('signal.status_changed'), uid: z.string(), status: z.string(), reason: z.string().nullable() });
export const OpinionAddedBody = z.object({
  ...Base,
  type: z.literal('opinion.added'),
  uid: z.string(),
  opinionUid: z.string(),
  partner: z.string(),
  opinion: z.enum(['confirmed', 'disputed', 'seen']),
  reason: z.string(),
});

/** The node's key changes: signed by the previous key, and every later event by the new one. */
export const KeyRotatedBody = z.object({ ...Base, type: z.literal('key.rotated'), previous: z.string(), publicKey: z.string() });

export const KnownBody = z.discriminatedUnion('type', [SignalAddedBody, SignalRetractedBody, LabelChangedBody, StatusChangedBody, OpinionAddedBody, KeyRotatedBody]);
export type KnownBody = z.infer<typeof KnownBody>;

/** Any body: a `type`, an `at`, the node that wrote it, and whatever its type carries. */
export const AnyBody = z.object({ type: z.string(), at: z.string(), node: z.string() }).passthrough();

/** An event body before the feed gives it a sequence number, plus who may see it. */
export interface PendingEvent {
  readonly body: Record<string, unknown> & { type: string };
  /** The distribution level that decides which partners get the body. */
  readonly audience: string;
  /** One more partner that gets the body whatever the level: an opinion's way back upstream. */
  readonly audienceNode?: string | null;
}
