/** The activation checklist (src/config/incident-config.ts) and the default tiers; a network may configure other tier names. */
export const INCIDENT_CRITERIA = ['ongoing_attack', 'perpetrator_produced', 'depicts_killing', 'on_partner_services'] as const;
export const DEFAULT_TIERS = ['perpetrator_content', 'content_incident', 'awareness'] as const;
/** What a partner may add to the timeline by hand. */
export const NOTE_KINDS = ['note', 'action', 'variant'] as const;
export const LEAD_PROTOCOLS = ['concord', 'gifct_cip', 'eu_crisis_protocol', 'christchurch_call_crisis_response'] as const;
