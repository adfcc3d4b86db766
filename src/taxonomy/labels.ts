import { fail, ok, type Result } from '../errors/result.js';

/**
 * The closed, violence-based taxonomy. Labels describe behaviour in the content, never
 * the views of a group or a person. There is deliberately no label for separatism,
 * non-violent extremism, religion, ethnicity or political opposition. Adding a label is
 * a code change, and it shows in every transparency report.
 */
export const LABELS = {
  perpetrator_content: "An attacker's own recording or livestream of an attack.",
  perpetrator_manifesto: 'A manifesto published by the perpetrator of an attack.',
  graphic_violence_defenceless: 'Executions or torture of captives and other defenceless people.',
  imminent_credible_threat: 'A credible threat of imminent violence.',
  glorification_of_attack: 'Praise of a specific attack or attacker.',
  instruction_for_violence: 'Instructions for weapons, explosives or attack planning.',
  recruitment_designated_entity: 'Recruitment for an entity on a designation list the network has adopted.',
  branded_propaganda_designated_entity: 'Branded propaganda of an entity on a designation list the network has adopted.',
} as const;

export type Label = keyof typeof LABELS;

export const isLabel = (raw: string): raw is Label => Object.hasOwn(LABELS, raw);

export function parseLabel(raw: string): Result<Label> {
  const label = raw.trim();
  if (Object.hasOwn(LABELS, label)) return ok(label as Label);
  return fail('LABEL_UNKNOWN', `unknown label "${label}"; the taxonomy has: ${Object.keys(LABELS).join(', ')}`);
}
