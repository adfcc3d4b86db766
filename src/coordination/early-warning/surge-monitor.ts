import type { KyselyContext } from '../../store/kysely/kysely-context.js';
import type { AlertSink } from '../alert-sink.js';
import { coordinationDb } from '../alerts/coordination-tables.js';
import type { LocalMatchTally } from './local-match-tally.js';
import type { SignalClusters } from './signal-clusters.js';
import { recordOwnSightings } from './own-sightings.js';
import { publishSightings } from './sightings-publisher.js';
import { mergeStates, newSurgeState, observe, seededState, type SurgeOptions, type SurgeState } from './surge-detector.js';

export interface SurgeMonitorOptions {
  readonly selfId: string;
  readonly bucketMs: number;
  readonly sightingsPeriodMs: number;
  readonly shareSightings: boolean;
  readonly alertDistribution: string;
  readonly surge: SurgeOptions;
}

/** A partner's count for one period, spread evenly over the buckets after it arrived. */
interface Spread {
  readonly perBucket: number;
  readonly until: number;
}

/** At most this many closed buckets are replayed after a long pause (a week of minutes). */
const MAX_REPLAY = 10_080;

/**
 * The leader's early-warning loop, driven by the injected clock: at every bucket boundary
 * it takes in new signals (clusters), this node's new matches and partners' new sightings,
 * tests each cluster's bucket count for a surge and raises an alert for each new episode;
 * at every sightings period boundary it shares this node's counts if it opted in.
 *
 * Partners' sightings arrive per period (an hour by default), so they are spread evenly
 * over the next period's buckets: they raise a cluster's baseline and its rate, and
 * confirm a surge seen across partners, while the 10-minute bound holds for the matches
 * seen at this node.
 */
export class SurgeMonitor {
  private readonly states = new Map<number, SurgeState>();
  private readonly spreads = new Map<number, Spread[]>();
  private readonly seers = new Map<number, Map<string, number>>();
  private periodCounts = new Map<string, number>();
  private lastBucket = 0;
  private periodStart = 0;
  private sightingsMark = '';
  private readonly sightingsAtMark = new Set<string>();

  constructor(
    private readonly ctx: KyselyContext,
    private readonly clusters: SignalClusters,
    private readonly tally: LocalMatchTally,
    private readonly alerts: AlertSink,
    private readonly o: SurgeMonitorOptions,
  ) {
    clusters.onMerge((root, absorbed) => this.merge(root, absorbed));
  }

  async start(): Promise<void> {
    await this.tally.start();
    await this.clusters.catchUp();
    const now = this.ctx.clock.now();
    this.lastBucket = Math.floor(now / this.o.bucketMs);
    this.periodStart = Math.floor(now / this.o.sightingsPeriodMs) * this.o.sightingsPeriodMs;
    this.sightingsMark = this.ctx.now();
    // Baselines start from each signal's lifetime match rate, so a restart does not take busy clusters for surging ones.
    const rows = await this.ctx.run(() => this.ctx.db.selectFrom('signals').select(['id', 'match_count', 'created_at']).where('match_count', '>', 0).execute());
    const rates = new Map<number, number>();
    for (const r of rows) {
      const root = this.clusters.rootOf(Number(r.id));
      if (root === undefined) continue;
      const age = Math.max(this.o.bucketMs, now - Date.parse(r.created_at));
      rates.set(root, (rates.get(root) ?? 0) + (Number(r.match_count) * this.o.bucketMs) / age);
    }
    for (const [root, rate] of rates) this.states.set(root, seededState(rate, this.o.surge));
  }

  /** Where a cluster's surge detection stands (by the root of any of its signals); undefined before its first count. */
  surgeOf(root: number): { readonly surging: boolean; readonly episodes: number; readonly baselinePerBucket: number; readonly recent: readonly number[]; readonly seenBy: readonly string[] } | undefined {
    const s = this.states.get(root);
    const seenBy = [...(this.seers.get(root)?.keys() ?? [])].sort();
    if (!s) return seenBy.length ? { surging: false, episodes: 0, baselinePerBucket: 0, recent: [], seenBy } : undefined;
    return { surging: s.alarm > 0, episodes: s.episodes, baselinePerBucket: Math.round(s.mu * 1000) / 1000, recent: [...s.recent], seenBy };
  }

  get bucketMs(): number {
    return this.o.bucketMs;
  }

  /** Does whatever is due at the clock's time; returns the surges that started. */
  async tick(): Promise<{ cluster: string; count: number }[]> {
    const now = this.ctx.clock.now();
    const bucket = Math.floor(now / this.o.bucketMs);
    if (bucket <= this.lastBucket) return [];
    await this.clusters.catchUp();
    const local = new Map<number, number>();
    for (const [id, n] of await this.tally.read()) {
      const root = this.clusters.rootOf(id);
      const uid = this.clusters.uidOf(id);
      if (root === undefined || uid === undefined) continue;
      local.set(root, (local.get(root) ?? 0) + n);
      this.periodCounts.set(uid, (this.periodCounts.get(uid) ?? 0) + n);
      this.see(root, this.o.selfId, bucket - 1);
    }
    await this.takeSightings(bucket - 1);
    const started: { cluster: string; count: number }[] = [];
    for (let b = Math.max(this.lastBucket, bucket - MAX_REPLAY); b < bucket; b++) {
      const roots = new Set<number>([...this.states.keys(), ...local.keys(), ...this.spreads.keys()]);
      for (const root of roots) {
        const x = (b === bucket - 1 ? (local.get(root) ?? 0) : 0) + this.spreadAt(root, b);
        let state = this.states.get(root);
        if (!state) this.states.set(root, (state = newSurgeState()));
        const verdict = observe(state, x, this.o.surge);
        if (verdict.started) {
          const info = await this.raise(root, state, x, verdict.expected, verdict.p, b);
          started.push({ cluster: info, count: x });
        }
      }
    }
    this.lastBucket = bucket;
    if (now >= this.periodStart + this.o.sightingsPeriodMs) {
      await recordOwnSightings(this.ctx, this.o.selfId, this.periodStart, this.o.sightingsPeriodMs, this.periodCounts);
      if (this.o.shareSightings) await publishSightings(this.ctx, this.periodStart, this.o.sightingsPeriodMs, this.periodCounts);
      this.periodCounts = new Map();
      this.periodStart = Math.floor(now / this.o.sightingsPeriodMs) * this.o.sightingsPeriodMs;
    }
    return started;
  }

  private spreadAt(root: number, b: number): number {
    const list = this.spreads.get(root);
    if (!list) return 0;
    let x = 0;
    for (const s of list) if (b <= s.until) x += s.perBucket;
    const live = list.filter((s) => s.until > b);
    if (live.length === 0) this.spreads.delete(root);
    else if (live.length !== list.length) this.spreads.set(root, live);
    return x;
  }

  private see(root: number, node: string, bucket: number): void {
    const m = this.seers.get(root) ?? new Map<string, number>();
    m.set(node, bucket);
    this.seers.set(root, m);
  }

  /** Partners' sightings received since the last tick. */
  private async takeSightings(bucket: number): Promise<void> {
    const rows = await this.ctx.run(() => coordinationDb(this.ctx.db).selectFrom('sightings').selectAll().where('received_at', '>=', this.sightingsMark).where('node', '!=', this.o.selfId).execute());
    const perPeriod = this.o.sightingsPeriodMs / this.o.bucketMs;
    for (const r of rows) {
      const key = `${r.node}|${r.signal_uid}|${r.period_start}`;
      if (r.received_at === this.sightingsMark && this.sightingsAtMark.has(key)) continue;
      if (r.received_at > this.sightingsMark) {
        this.sightingsMark = r.received_at;
        this.sightingsAtMark.clear();
      }
      this.sightingsAtMark.add(key);
      const id = this.clusters.idOfUid(r.signal_uid);
      const root = id === undefined ? undefined : this.clusters.rootOf(id);
      if (root === undefined) continue;
      const buckets = Math.max(1, Math.round(r.period_ms / this.o.bucketMs));
      const list = this.spreads.get(root) ?? [];
      list.push({ perBucket: r.count / buckets, until: bucket + Math.round(perPeriod) });
      this.spreads.set(root, list);
      this.see(root, r.node, bucket);
    }
  }

  private merge(root: number, absorbed: number): void {
    const a = this.states.get(absorbed);
    if (a) {
      const r = this.states.get(root);
      if (r) mergeStates(r, a);
      else this.states.set(root, a);
      this.states.delete(absorbed);
    }
    const s = this.spreads.get(absorbed);
    if (s) {
      this.spreads.set(root, [...(this.spreads.get(root) ?? []), ...s]);
      this.spreads.delete(absorbed);
    }
    const seen = this.seers.get(absorbed);
    if (seen) {
      const into = this.seers.get(root) ?? new Map<string, number>();
      for (const [node, b] of seen) into.set(node, Math.max(b, into.get(node) ?? 0));
      this.seers.set(root, into);
      this.seers.delete(absorbed);
    }
  }

  /** Raises the alert of a new surge episode; returns the cluster's id. */
  private async raise(root: number, state: SurgeState, x: number, expected: number, p: number, bucket: number): Promise<string> {
    const info = this.clusters.info(root)!;
    const recent = bucket - 2 * Math.round(this.o.sightingsPeriodMs / this.o.bucketMs);
    const partners = [...(this.seers.get(root) ?? new Map<string, number>())].filter(([, b]) => b >= recent).map(([node]) => node).sort();
    const naming = await this.ctx.run(() => this.ctx.db.selectFrom('signals').select(['distribution', 'confirmed_at']).where('uid', '=', info.exampleSignalUid).executeTakeFirst());
    // An alert never names, to partners, a signal they could not see.
    const distribution = !naming || naming.distribution === 'local' || naming.confirmed_at === null ? 'local' : this.o.alertDistribution;
    const perHour = (x * 3_600_000) / this.o.bucketMs;
    const minutes = this.o.bucketMs / 60_000;
    await this.alerts.raise({
      kind: 'surge',
      severity: 'warning',
      title: `Surge in ${info.id}: ${Math.round(x)} matches in ${minutes} min, about ${expected.toFixed(1)} expected; seen by ${partners.length} node(s)`,
      subject: { type: 'cluster', id: info.id },
      dedupeKey: `surge:${info.id}:${state.episodes}`,
      signalUids: [info.exampleSignalUid],
      details: {
        cluster: info.id,
        clusterSize: info.size,
        partnersSeeing: partners,
        rate: { matches: Math.round(x * 100) / 100, bucketMs: this.o.bucketMs, perHour: Math.round(perHour) },
        expectedPerBucket: Math.round(expected * 100) / 100,
        pValue: p,
        exampleSignalUid: info.exampleSignalUid,
        bucketStart: new Date(bucket * this.o.bucketMs).toISOString(),
        proposedIncident: { title: `Surge of ${info.id}`, tier: 'content_incident', signalUids: [info.exampleSignalUid] },
      },
      distribution,
    });
    return info.id;
  }
}
