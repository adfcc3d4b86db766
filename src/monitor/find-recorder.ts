import { createHash } from 'node:crypto';
import type { AlertSink } from '../coordination/alert-sink.js';
import type { SignalRecord } from '../domain/signal-record.js';
import type { MatchService } from '../match/match-service.js';
import type { HashedSignal } from '../signals/signal-type.js';
import type { KyselyStore } from '../store/kysely-store.js';
import type { Clock } from '../util/clock.js';
import type { EvidenceStore } from './evidence-store.js';
import type { Find, FindSignal } from './find.js';
import { timed, type PhaseTimings } from './phase-timings.js';

/** What the recorder needs from the node. */
export interface FindRecorderDeps {
  readonly store: Pick<KyselyStore, 'monitor' | 'getSignals'>;
  readonly matcher: Pick<MatchService, 'match'>;
  readonly alerts: AlertSink;
  readonly clock: Clock;
  readonly removalCheckMs: number;
  readonly evidence?: EvidenceStore;
}

/**
 * The level for an alert about signals: it reaches no one who may not see one of them.
 * `local` when one is unconfirmed (four eyes: it has not left the node) or when two name
 * different groups (no partner is sure to see both); else the narrowest of their levels.
 */
export function narrowestDistribution(signals: readonly Pick<SignalRecord, 'distribution' | 'confirmedAt'>[]): string {
  if (signals.some((s) => s.confirmedAt === null)) return 'local';
  if (new Set(signals.map((s) => s.distribution).filter((d) => d.startsWith('group:'))).size > 1) return 'local';
  const rank = (d: string) => (d === 'local' ? 0 : d.startsWith('group:') ? 1 : d === 'partners' ? 2 : d === 'network' ? 3 : 0);
  return signals.map((s) => s.distribution).sort((a, b) => rank(a) - rank(b))[0] ?? 'local';
}

/**
 * Matches a resource's signals against the node's index and turns matches into finds:
 * a new find raises a `monitor_find` alert through the AlertSink and keeps the bytes in
 * the evidence store when one is configured; a find seen again only has its times moved.
 */
export class FindRecorder {
  constructor(private readonly deps: FindRecorderDeps) {}

  /**
   * Matches groups of signals (one group per resource) in one call to the index, and
   * returns each group's matched signals as a find records them.
   */
  async matchGroups(groups: readonly (readonly HashedSignal[])[], timings: PhaseTimings): Promise<FindSignal[][]> {
    const owner: number[] = [];
    const queries = groups.flatMap((signals, g) =>
      signals.filter((s) => s.matchable).map((s) => (owner.push(g), { type: s.type, value: s.value, ...(s.alternates ? { alternates: s.alternates } : {}) })),
    );
    const out: FindSignal[][] = groups.map(() => []);
    if (queries.length === 0) return out;
    const results = await timed(timings, 'match', () => this.deps.matcher.match(queries));
    const best = groups.map(() => new Map<number, { type: string; label: string; distance: number; contributor: string }>());
    results.forEach((r, i) => {
      const group = best[owner[i]!]!;
      for (const m of r.matches) {
        const seen = group.get(m.signalId);
        if (!seen || m.distance < seen.distance) group.set(m.signalId, { type: m.type, label: m.label, distance: m.distance, contributor: m.contributor });
      }
    });
    const ids = [...new Set(best.flatMap((g) => [...g.keys()]))];
    if (ids.length === 0) return out;
    const records = new Map((await this.deps.store.getSignals(ids)).map((r) => [r.id, r]));
    return best.map((group) =>
      [...group.entries()]
        .filter(([id]) => records.has(id))
        .map(([signalId, m]) => ({ signalId, uid: records.get(signalId)!.uid, ...m, incidentId: records.get(signalId)!.incidentId ?? null }))
        .sort((a, b) => a.signalId - b.signalId),
    );
  }

  /** Records matched content at a URL; returns the find and whether it is new. */
  async record(sourceId: number, url: string, matched: readonly FindSignal[], bytes?: Uint8Array): Promise<{ find: Find; isNew: boolean }> {
    const contentSha256 = bytes ? createHash('sha256').update(bytes).digest('hex') : null;
    const nextCheckAt = new Date(this.deps.clock.now() + this.deps.removalCheckMs).toISOString();
    const result = await this.deps.store.monitor.recordFind({ sourceId, url, signals: matched, contentSha256, nextCheckAt });
    if (result.isNew) {
      if (bytes && this.deps.evidence) await this.deps.evidence.keep(bytes);
      await this.raise(result.find);
    }
    return result;
  }

  private async raise(find: Find): Promise<void> {
    const records = await this.deps.store.getSignals(find.signals.map((s) => s.signalId));
    const labels = [...new Set(find.signals.map((s) => s.label))];
    await this.deps.alerts.raise({
      kind: 'monitor_find',
      severity: 'warning',
      title: `Known content (${labels.join(', ')}) seen at ${find.url}`,
      subject: { type: 'source_find', id: String(find.id) },
      dedupeKey: `monitor_find:${find.id}`,
      incidentId: find.incidentId,
      signalUids: find.signals.map((s) => s.uid),
      details: { findId: find.id, sourceId: find.sourceId, url: find.url, signalTypes: [...new Set(find.signals.map((s) => s.type))], labels, firstSeenAt: find.firstSeenAt },
      distribution: narrowestDistribution(records),
    });
  }

  /** Tells the sink a find's content is gone, with how long it stayed up. */
  async raiseRemoved(find: Find): Promise<void> {
    const records = await this.deps.store.getSignals(find.signals.map((s) => s.signalId));
    await this.deps.alerts.raise({
      kind: 'monitor_find_removed',
      severity: 'info',
      title: `Known content at ${find.url} is gone (${find.removal})`,
      subject: { type: 'source_find', id: String(find.id) },
      dedupeKey: `monitor_find_removed:${find.id}`,
      incidentId: find.incidentId,
      signalUids: find.signals.map((s) => s.uid),
      details: { findId: find.id, sourceId: find.sourceId, url: find.url, removal: find.removal, msToRemoval: Date.parse(find.removedAt!) - Date.parse(find.firstSeenAt) },
      distribution: narrowestDistribution(records),
    });
  }
}
