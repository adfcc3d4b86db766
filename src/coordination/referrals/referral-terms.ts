/**
 * The closed lists a referral is made of. Every value is a wire name: it travels on the
 * feed and is stored, so it is never renamed once shipped.
 */

/**
 * - `removal_order`: a removal order under Art. 3 of Regulation (EU) 2021/784 (TCO): the
 *   content is removed or disabled in all Member States within one hour of receipt.
 * - `referral`: a request to review the content against the receiver's own terms
 *   (voluntary); its deadline is the sender's choice or the configured default.
 * - `threat_to_life`: notice of content involving an imminent threat to life (TCO Art.
 *   14(5) in the other direction). Its clock is for *acknowledgement*, not removal: the
 *   receiver must acknowledge within `referrals.threatToLifeAckMinutes` of receipt (default
 *   15), and the item is overdue, with a critical alert, until it does. A decision may
 *   follow later without a clock.
 */
export const REFERRAL_KINDS = ['removal_order', 'referral', 'threat_to_life'] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];

/** TCO Art. 3(3): one hour from receipt of the removal order. */
export const REMOVAL_ORDER_WINDOW_MS = 60 * 60_000;
/** TCO Art. 4(2): a reasoned request for scrutiny within 48 hours of receipt. */
export const SCRUTINY_REQUEST_WINDOW_MS = 48 * 60 * 60_000;
/** TCO Art. 4(4): the scrutiny decision within 72 hours of the request (or of the copy, on own initiative). */
export const SCRUTINY_DECISION_WINDOW_MS = 72 * 60 * 60_000;

/**
 * The grounds of Art. 2(7) TCO (the definition of terrorist content), points (a) to (f):
 * material that
 */
export const REFERRAL_GROUNDS = {
  incites: '(a) incites the commission of a terrorist offence, such as by glorifying terrorist acts',
  solicits_commission: '(b) solicits a person or group to commit or contribute to a terrorist offence',
  solicits_participation: '(c) solicits a person or group to participate in the activities of a terrorist group',
  provides_instruction: '(d) provides instruction on weapons, explosives or other methods for a terrorist offence',
  threatens: '(e) constitutes a threat to commit a terrorist offence',
  // (f) is the Annex I tick-box for material covered by the definition as a whole.
  other_terrorist_content: '(f) other material within the definition of terrorist content in Art. 2(7)',
} as const;
export type ReferralGround = keyof typeof REFERRAL_GROUNDS;

/** Annex III: why a hosting service provider cannot comply (yet). */
export const OBSTACLE_REASONS = {
  force_majeure: 'force majeure or de facto impossibility not attributable to the hosting service provider',
  manifest_error: 'the order contains manifest errors',
  insufficient_information: 'the order does not contain sufficient information to execute it',
} as const;
export type ObstacleReason = keyof typeof OBSTACLE_REASONS;

/** Annex II: the content was removed, or access to it disabled; or (any kind) it was not. */
export const OUTCOMES = ['removed', 'disabled', 'not_removed'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const SCRUTINY_FINDINGS = ['infringement', 'no_infringement'] as const;
export type ScrutinyFinding = (typeof SCRUTINY_FINDINGS)[number];

/** Art. 10: a complaint against a removal is upheld (content reinstated) or rejected. */
export const COMPLAINT_DECISIONS = ['upheld', 'rejected'] as const;
export type ComplaintDecision = (typeof COMPLAINT_DECISIONS)[number];

/**
 * Where a referral stands. `sent`: written at the sender, no receipt yet. `received`:
 * receipt given. `obstructed`: an obstacle pauses the clock. `decided`: removed, disabled
 * or not removed. `voided`: the scrutiny authority found an infringement (Art. 4(4)).
 */
export const STATUSES = ['sent', 'received', 'acknowledged', 'obstructed', 'decided', 'voided'] as const;
export type ReferralStatus = (typeof STATUSES)[number];

/** This node's part in a referral. */
export type ReferralRole = 'sender' | 'receiver' | 'scrutiny';

export const isOneOf = <T extends string>(list: readonly T[], raw: string): raw is T => (list as readonly string[]).includes(raw);
