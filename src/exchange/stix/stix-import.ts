import { fail, ok, type Result } from '../../errors/result.js';
import type { SignalRegistry } from '../../signals/signal-registry.js';
import { parseLabel, type Label } from '../../taxonomy/labels.js';
import { StixIndicator } from './stix-schema.js';
import { parsePattern } from './stix-pattern.js';
import { distributionFromMarkings } from './stix-tlp.js';

/** A signal read from a STIX Indicator, validated, before it is stored. */
export interface ImportedSignal {
  readonly stixId: string;
  readonly modified: string;
  readonly type: string;
  readonly value: string;
  readonly label: Label;
  readonly reason: string;
  /** The level it was shared at (the receiver stores it one hop less). */
  readonly sharedAs: string;
  readonly revoked: boolean;
  /** The status at the source (`x_concord_status`), when it says. */
  readonly status: string | undefined;
  readonly contributor: string | undefined;
}

/**
 * Reads one Indicator into a signal: the `x_concord_signal_*` properties when present,
 * otherwise a standard pattern (md5, sha256, url, domain). The value is validated by the
 * signal type; the label must be a taxonomy label in `x_concord_label`, never guessed.
 * Failures come back with a stable code: STIX_OBJECT_INVALID, STIX_PATTERN_UNSUPPORTED,
 * LABEL_MISSING, LABEL_UNKNOWN, SIGNAL_TYPE_UNKNOWN, SIGNAL_VALUE_INVALID.
 *
 * @example
 *   stixToSignal(registry, indicatorJson);   // { ok: true, value: { type: 'md5', value: '…', label: 'perpetrator_content', … } }
 */
export function stixToSignal(registry: SignalRegistry, raw: unknown): Result<ImportedSignal> {
  const parsed = StixIndicator.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail('STIX_OBJECT_INVALID', `${issue.path.join('.') || 'object'}: ${issue.message}`);
  }
  const ind = parsed.data;
  const where = `${ind.id}: `;
  const claimed =
    ind.x_concord_signal_type !== undefined && ind.x_concord_signal_value !== undefined
      ? { type: ind.x_concord_signal_type, value: ind.x_concord_signal_value }
      : ind.pattern_type === 'stix'
        ? parsePattern(ind.pattern)
        : undefined;
  if (!claimed) return fail('STIX_PATTERN_UNSUPPORTED', `${where}pattern ${ind.pattern.slice(0, 80)} names no signal Concord knows`);
  const found = registry.lookup(claimed.type);
  if (!found.ok) return fail(found.code, where + found.message);
  const valid = found.value.validate(claimed.value);
  if (!valid.ok) return fail(valid.code, where + valid.message);
  if (ind.x_concord_label === undefined) return fail('LABEL_MISSING', `${where}no x_concord_label; Concord does not guess labels`);
  const label = parseLabel(ind.x_concord_label);
  if (!label.ok) return fail(label.code, where + label.message);
  const reason = (ind.x_concord_reason ?? ind.description ?? '').trim();
  return ok({
    stixId: ind.id,
    modified: ind.modified,
    type: found.value.name,
    value: valid.value,
    label: label.value,
    reason,
    sharedAs: ind.x_concord_distribution ?? distributionFromMarkings(ind.object_marking_refs),
    revoked: ind.revoked === true,
    status: ind.x_concord_status,
    contributor: ind.x_concord_contributor,
  });
}
