/** The closed lists of referrals (the node's wire names; src/coordination/referrals/referral-terms.ts). */
export const REFERRAL_KINDS = ['removal_order', 'referral', 'threat_to_life'] as const;
export const REFERRAL_STATUSES = ['sent', 'received', 'acknowledged', 'obstructed', 'decided', 'voided'] as const;
export const REFERRAL_GROUNDS = ['incites', 'solicits_commission', 'solicits_participation', 'provides_instruction', 'threatens', 'other_terrorist_content'] as const;
export const OBSTACLE_REASONS = ['force_majeure', 'manifest_error', 'insufficient_information'] as const;
export const OUTCOMES = ['removed', 'disabled', 'not_removed'] as const;
export const SCRUTINY_FINDINGS = ['infringement', 'no_infringement'] as const;
