import { z } from 'zod';
import { COMPLAINT_DECISIONS, OBSTACLE_REASONS, OUTCOMES, SCRUTINY_FINDINGS } from './referral-terms.js';

const Reasons = z.string().trim().min(3).max(8000);
const ContentRef = z.string().trim().min(1).max(4096);
const keysOf = (o: object) => Object.keys(o) as [string, ...string[]];

/**
 * What a party does to a referral after it is sent. Each action is one signed feed event
 * `referral.<type>` sent to the other parties, and one row in referral_events on each.
 * Closed lists are plain strings here and checked by the rules, so each gets its own code.
 */
export const ActionSchemas = {
  acknowledged: z.object({}),
  obstacle: z.object({ reason: z.string().max(64), explanation: Reasons }),
  cleared: z.object({ explanation: Reasons }),
  decided: z.object({ outcome: z.string().max(64), actedAt: z.iso.datetime({ offset: true }).nullable().default(null), reason: z.string().trim().max(8000).default('') }),
  scrutiny_requested: z.object({ reasons: Reasons }),
  scrutiny_decided: z.object({ finding: z.string().max(64), reasons: Reasons }),
  // Art. 10 complaints: the content and the decision only; who complained is never recorded.
  complaint: z.object({ contentRef: ContentRef, decision: z.string().max(64) }).strict(),
  reinstated: z.object({ contentRef: ContentRef }),
} as const;

export type ActionType = keyof typeof ActionSchemas;
export const ACTION_TYPES = Object.keys(ActionSchemas) as ActionType[];
export type ReferralAction = { [K in ActionType]: { type: K } & z.infer<(typeof ActionSchemas)[K]> }[ActionType];

/** Which party may take each action. */
export const ACTOR_OF: Record<ActionType, 'sender' | 'receiver' | 'scrutiny'> = {
  acknowledged: 'receiver',
  obstacle: 'receiver',
  cleared: 'sender',
  decided: 'receiver',
  scrutiny_requested: 'receiver',
  scrutiny_decided: 'scrutiny',
  complaint: 'receiver',
  reinstated: 'receiver',
};

export const CLOSED_LISTS = { obstacle: keysOf(OBSTACLE_REASONS), outcome: OUTCOMES, finding: SCRUTINY_FINDINGS, decision: COMPLAINT_DECISIONS };

/** Parses an action's fields as they arrive (HTTP body or feed body). */
export function parseAction(type: ActionType, raw: unknown): { ok: true; action: ReferralAction } | { ok: false; message: string } {
  const parsed = ActionSchemas[type].safeParse(raw);
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => `${i.path.join('.') || type}: ${i.message}`).join('; ') };
  return { ok: true, action: { type, ...parsed.data } as ReferralAction };
}
