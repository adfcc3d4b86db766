import { z } from 'zod';
import type { PendingEvent } from '../../exchange/feed/feed-body.js';
import { ACTION_TYPES } from './referral-actions.js';

/** A referral as it travels in `referral.sent`: everything the receiver and the scrutiny authority need, nothing about persons. */
export const SharedReferralSchema = z.object({
  id: z.string().min(1).max(100),
  sender: z.string().min(1).max(100),
  receiver: z.string().min(1).max(100),
  scrutiny: z.string().min(1).max(100).nullable(),
  kind: z.string().max(64),
  label: z.string().max(100),
  grounds: z.array(z.string().max(64)).max(10),
  legalBasis: z.string().max(8000),
  reasons: z.string().max(8000),
  redress: z.string().max(8000),
  noticeWithheld: z.boolean(),
  noticeWithheldUntil: z.string().max(40).nullable(),
  incidentId: z.string().max(200).nullable(),
  order: z.record(z.string(), z.unknown()).nullable(),
  urls: z.array(z.string().max(4096)).max(500),
  signalUids: z.array(z.string().max(100)).max(500),
  windowMs: z.number().int().positive(),
});
export type SharedReferral = z.infer<typeof SharedReferralSchema>;

const Base = { type: z.string(), at: z.string(), node: z.string() };

export const SentBody = z.object({ ...Base, referral: SharedReferralSchema });
/** The receiver's signed receipt: the exact send time (the sender's event) and receipt time (the receiver's clock). */
export const ReceiptBody = z.object({ ...Base, referral: z.string().max(100), eventId: z.string().max(100), sentAt: z.string().max(40), receivedAt: z.string().max(40), sentEventHash: z.string().max(128) });
export const ActionBody = z.object({ ...Base, referral: z.string().max(100), eventId: z.string().max(100) }).passthrough();
/** Deconfliction: other senders referred the same content to the same receiver. */
export const LinkedBody = z.object({ ...Base, referral: z.string().max(100), eventId: z.string().max(100), linked: z.array(z.object({ referral: z.string().max(100), sender: z.string().max(100) })).max(100), keys: z.array(z.string().max(4200)).max(1000) });

export const REFERRAL_BODY_TYPES = ['referral.sent', 'referral.receipt', 'referral.linked', ...ACTION_TYPES.map((t) => `referral.${t}`)] as const;

/**
 * One event per addressee: a referral's events are for its parties only, so each goes out
 * at level `local` (which lets it reach no partner) plus exactly one audience node.
 */
export function toEach(nodes: readonly (string | null)[], body: Record<string, unknown> & { type: string }): PendingEvent[] {
  return [...new Set(nodes.filter((n): n is string => n !== null))].map((node) => ({ body, audience: 'local', audienceNode: node }));
}
