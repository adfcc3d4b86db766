/** A status change of one signal: when, and from what to what. */
export interface StatusStep {
  readonly at: string;
  readonly from: string;
  readonly to: string;
}

/**
 * A signal's status at a time (just before `at`), from its current status and its
 * changes in log order. The audit log holds every change, so a report for a past period
 * reads the same later, whatever happened to the signal since.
 *
 * @example
 *   statusAt('active', [{ at: '2026-11-02T…', from: 'active', to: 'disputed' }, { at: '2026-11-09T…', from: 'disputed', to: 'active' }], '2026-11-05T00:00:00.000Z'); // 'disputed'
 */
export function statusAt(current: string, changes: readonly StatusStep[], at: string): string {
  let before: StatusStep | undefined;
  for (const c of changes) if (c.at < at) before = c;
  if (before) return before.to;
  // No change yet at that time: the status it had before its first change (or has now).
  return changes.length > 0 ? changes[0]!.from : current;
}

/** Statuses that mean the signal was wrong: withdrawn by its contributor, or set aside by partners' disputes. */
export const ERROR_STATUSES: ReadonlySet<string> = new Set(['retracted', 'disputed']);
