import type { SignalRecord } from '../domain/signal-record.js';
import { ConcordError } from '../errors/concord-error.js';
import type { IndexService } from '../match/index-service.js';
import type { SignalRegistry } from '../signals/signal-registry.js';
import type { NewSignal } from '../store/store.js';
import { parseLabel } from '../taxonomy/labels.js';

/** Validates new signals against the registry and the taxonomy; the first bad one rejects the batch, by position. */
export function validateNewSignals(
  registry: SignalRegistry,
  input: readonly { type: string; value: string; label: string; reason: string; distribution: string; incidentId?: string }[],
): NewSignal[] {
  return input.map((s, i) => {
    const valid = registry.validate(s.type, s.value);
    if (!valid.ok) throw new ConcordError(valid.code, `signals[${i}]: ${valid.message}`);
    const label = parseLabel(s.label);
    if (!label.ok) throw new ConcordError(label.code, `signals[${i}]: ${label.message}`);
    return { type: valid.value.type.name, value: valid.value.value, label: label.value, reason: s.reason.trim(), distribution: s.distribution as NewSignal['distribution'], ...(s.incidentId ? { incidentId: s.incidentId } : {}) };
  });
}

/** Puts acknowledged signals into this process's index at once (other processes follow the change log). */
export function indexNow(index: IndexService, records: readonly SignalRecord[]): void {
  index.apply(records.map((r) => ({ id: r.id, type: r.type, value: r.value, status: r.status })));
}
