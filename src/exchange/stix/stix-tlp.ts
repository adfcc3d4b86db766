/**
 * TLP 2.0 markings, as OASIS publishes them for STIX 2.1 (cti-stix-common-objects,
 * extension-definition-specifications/tlp-2.0). Consumers recognise them by id, so the
 * ids are fixed and the marking objects themselves need not be served.
 */
export const TLP_MARKINGS = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
} as const;

export type TlpLevel = keyof typeof TLP_MARKINGS;

/**
 * The TLP that says what a recipient may do with a signal shared at `distribution`,
 * matching what a Concord node itself does on receipt (oneHopLess in distribution.ts):
 * `network` may be passed on once more within the community (TLP:GREEN); `partners` and
 * `group:<name>` stop at the receiving organisation (TLP:AMBER+STRICT). `local` never
 * leaves; should it be asked for, it is TLP:RED.
 */
export function tlpFor(distribution: string): TlpLevel {
  if (distribution === 'network') return 'green';
  if (distribution === 'partners' || distribution.startsWith('group:')) return 'amber+strict';
  return 'red';
}

/**
 * The distribution an object arrived with, judged from its markings when it carries no
 * Concord distribution: CLEAR and GREEN may travel on (`network`); anything else, or no
 * TLP at all, is treated as stopping here (`partners`, which a receiver stores as local).
 */
export function distributionFromMarkings(refs: readonly string[] | undefined): 'network' | 'partners' {
  const set = new Set(refs ?? []);
  const restricted = [TLP_MARKINGS.amber, TLP_MARKINGS['amber+strict'], TLP_MARKINGS.red].some((id) => set.has(id));
  if (restricted) return 'partners';
  return set.has(TLP_MARKINGS.clear) || set.has(TLP_MARKINGS.green) ? 'network' : 'partners';
}
