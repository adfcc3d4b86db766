import type { AlertSink } from '../coordination/alert-sink.js';
import type { MonitorConfig } from '../config/node-config.js';
import { ConcordError } from '../errors/concord-error.js';
import type { MatchService } from '../match/match-service.js';
import type { MediaPorts } from '../signals/content-source.js';
import type { SignalRegistry } from '../signals/signal-registry.js';
import type { KyselyStore } from '../store/kysely-store.js';
import type { Clock } from '../util/clock.js';
import { EvidenceStore } from './evidence-store.js';
import { FindRecorder } from './find-recorder.js';
import { HostPacer, realWait, type Wait } from './host-pacer.js';
import { StorePacingLedger } from './pacing-ledger.js';
import { PoliteFetcher, userAgentFor } from './polite-fetcher.js';
import { recheckFind, type RecheckOutcome } from './removal-check.js';
import { SourceCheck, type CheckReport } from './source-check.js';

/** What the monitor is built from; the composition root (createNode, the CLI, a test) hands these in. */
export interface MonitorDeps {
  readonly store: KyselyStore;
  readonly registry: SignalRegistry;
  readonly matcher: Pick<MatchService, 'match'>;
  readonly media: MediaPorts;
  /** Where finds and removals are raised (the alerts module's sink, or logAlertSink until it is merged). */
  readonly alerts: AlertSink;
  readonly clock: Clock;
  readonly config: MonitorConfig;
  /** How the per-host pause is waited out; tests pass one that advances a manual clock. */
  readonly wait?: Wait;
  readonly log?: (fields: Record<string, unknown>, msg: string) => void;
}

/** What one scheduled round did. */
export interface MonitorRound {
  readonly checked: CheckReport[];
  readonly rechecked: Record<RecheckOutcome, number>;
  readonly evidenceExpired: number;
}

const SOURCES_PER_ROUND = 50;
const FINDS_PER_ROUND = 200;

/**
 * The monitor of public sources: checks due sources, records finds, re-checks finds
 * until their content is gone. One process of a node runs `runDue` on a schedule (the
 * `source-monitor` leader job); `concord source check` and POST /v1/sources/{id}/check run
 * `checkSource` on demand. Without `monitor.contact` configured it fetches nothing.
 *
 * @example
 *   const monitor = new Monitor({ store, registry, matcher, media, alerts, clock, config: config.monitor });
 *   const report = await monitor.checkSource(3);
 */
export class Monitor {
  readonly fetcher?: PoliteFetcher;
  readonly recorder: FindRecorder;
  readonly evidence?: EvidenceStore;
  private lastExpiry = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: MonitorDeps) {
    const { config, clock } = deps;
    if (config.contact) {
      const pacer = new HostPacer(config.perHostIntervalMs, clock, deps.wait ?? realWait, new StorePacingLedger(deps.store.context));
      this.fetcher = new PoliteFetcher(userAgentFor(config.contact), config, pacer, clock);
    }
    if (config.evidenceDir) this.evidence = new EvidenceStore(config.evidenceDir, config.evidenceRetentionDays * 86_400_000, clock);
    this.recorder = new FindRecorder({ store: deps.store, matcher: deps.matcher, alerts: deps.alerts, clock, removalCheckMs: config.removalCheckMs, ...(this.evidence ? { evidence: this.evidence } : {}) });
  }

  private requireFetcher(): PoliteFetcher {
    if (!this.fetcher) throw new ConcordError('MONITOR_CONTACT_MISSING', 'set monitor.contact in the node configuration (who runs this monitor, named in its User-Agent) before sources are fetched');
    return this.fetcher;
  }

  /** Checks one source now, whatever its schedule; the report carries the coded error if the source could not be read. */
  async checkSource(id: number): Promise<CheckReport> {
    const fetcher = this.requireFetcher();
    const source = await this.deps.store.monitor.getSource(id);
    if (!source) throw new ConcordError('NOT_FOUND', `no source with id ${id}`);
    const check = new SourceCheck({ store: this.deps.store, registry: this.deps.registry, media: this.deps.media, fetcher, recorder: this.recorder, clock: this.deps.clock, config: this.deps.config }, source);
    const report = await check.run();
    const now = this.deps.clock.now();
    await this.deps.store.monitor.markChecked(id, new Date(now).toISOString(), new Date(now + source.intervalMs).toISOString(), report.error ? `${report.error.code}: ${report.error.message}`.slice(0, 500) : null);
    return report;
  }

  /** Re-checks one find's URL now (removal tracking). */
  recheckFind(id: number): Promise<RecheckOutcome> {
    const fetcher = this.requireFetcher();
    return this.deps.store.monitor.getFind(id).then((find) => {
      if (!find) throw new ConcordError('NOT_FOUND', `no find with id ${id}`);
      if (find.removedAt) return 'removed' as const;
      return recheckFind({ store: this.deps.store, registry: this.deps.registry, media: this.deps.media, fetcher, recorder: this.recorder, clock: this.deps.clock, config: this.deps.config }, find);
    });
  }

  /**
   * One scheduled round: every due source in turn (one that fails is recorded and the
   * next is still checked), then due finds' re-checks, then evidence expiry once a day.
   */
  async runDue(): Promise<MonitorRound> {
    const fetcher = this.requireFetcher();
    const now = () => new Date(this.deps.clock.now()).toISOString();
    const checked: CheckReport[] = [];
    for (const source of await this.deps.store.monitor.dueSources(now(), SOURCES_PER_ROUND)) {
      try {
        const report = await this.checkSource(source.id);
        checked.push(report);
        if (report.error) this.deps.log?.({ source: source.id, error: report.error.code }, 'source check failed');
      } catch (err) {
        this.deps.log?.({ source: source.id, err: (err as Error).message }, 'source check failed');
      }
    }
    const rechecked: Record<RecheckOutcome, number> = { present: 0, removed: 0, unknown: 0 };
    const deps = { store: this.deps.store, registry: this.deps.registry, media: this.deps.media, fetcher, recorder: this.recorder, clock: this.deps.clock, config: this.deps.config };
    for (const find of await this.deps.store.monitor.dueFinds(now(), FINDS_PER_ROUND)) {
      try {
        rechecked[await recheckFind(deps, find)]++;
      } catch (err) {
        rechecked.unknown++;
        this.deps.log?.({ find: find.id, err: (err as Error).message }, 'find re-check failed');
      }
    }
    let evidenceExpired = 0;
    if (this.evidence && this.deps.clock.now() - this.lastExpiry >= 86_400_000) {
      this.lastExpiry = this.deps.clock.now();
      evidenceExpired = await this.evidence.expire();
    }
    return { checked, rechecked, evidenceExpired };
  }
}
