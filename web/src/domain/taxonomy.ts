/**
 * The closed label taxonomy (src/taxonomy/labels.ts on the node) and the other closed
 * vocabularies the console offers. Their display names are translations (label.*).
 */
export const LABELS = [
  'perpetrator_content',
  'perpetrator_manifesto',
  'graphic_violence_defenceless',
  'imminent_credible_threat',
  'glorification_of_attack',
  'instruction_for_violence',
  'recruitment_designated_entity',
  'branded_propaganda_designated_entity',
] as const;

export const STATUSES = ['active', 'disputed', 'retracted', 'expired'] as const;
export const DISTRIBUTIONS = ['local', 'partners', 'network'] as const;
export const SIGNAL_TYPES = ['pdq', 'vpdq', 'audio_chromaprint', 'text_minhash', 'text_sha256', 'url', 'domain', 'md5', 'sha256'] as const;
export const ROLES = ['admin', 'curator', 'reviewer', 'matcher', 'auditor'] as const;
