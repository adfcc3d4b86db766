import type { Viewer } from '../access/viewer.js';
import type { NodeConfig } from '../config/node-config.js';
import type { HttpClient } from '../exchange/outbound/outbound-http.js';
import type { IndexService } from '../match/index-service.js';
import type { MatchResult } from '../match/match-service.js';
import type { SignalRegistry } from '../signals/signal-registry.js';
import type { KyselyStore } from '../store/kysely-store.js';
import type { LeaderJobs } from '../node/leader/leader-jobs.js';
import { ActionRulesStore } from './actions/action-rules-store.js';
import { enqueueAlertDeliveries } from './actions/alert-deliveries.js';
import { MatchActions } from './actions/match-actions.js';
import { ReviewQueue } from './actions/review-queue.js';
import { webhookHttp } from './actions/webhook-address.js';
import { WebhookDispatcher } from './actions/webhook-dispatcher.js';
import { StoreAlertSink } from './alerts/alert-store.js';
import { AlertAcks } from './alerts/alert-acks.js';
import type { ClusterJoin } from './early-warning/cluster-join.js';
import { ClusterView } from './early-warning/cluster-view.js';
import { incidentClusterJoin } from './early-warning/incident-cluster-join.js';
import { IncidentClusterEntries } from './incidents/incident-cluster-entries.js';
import { LocalMatchTally } from './early-warning/local-match-tally.js';
import { SignalClusters } from './early-warning/signal-clusters.js';
import { SurgeMonitor } from './early-warning/surge-monitor.js';
import { DEFAULT_SURGE } from './early-warning/surge-detector.js';
import { proposeVariants } from './early-warning/variant-candidates.js';

/** Which incident a signal is under, when the incidents module is there (null: none known). */
export type IncidentOf = (signalId: number) => string | null;

/**
 * Alerts, actions and early warning, built once by the composition root: the alert sink
 * every module raises through, action rules with their webhook dispatcher and review
 * queue, clusters with the surge monitor. The match route calls `afterMatch`; the leader
 * runs the dispatcher and the surge monitor on the injected clock.
 */
export class EarlyWarningServices {
  readonly alerts: StoreAlertSink;
  /** Each organisation's acknowledgements of the alerts it may see. */
  readonly acks: AlertAcks;
  readonly rules: ActionRulesStore;
  readonly matchActions: MatchActions;
  readonly review: ReviewQueue;
  readonly clusters: SignalClusters;
  /** Writes `variant` and `alert` entries on the timelines of incidents whose clusters they concern. */
  readonly incidentEntries: IncidentClusterEntries;
  private readonly view: ClusterView;
  /** The highest signal id whose cluster was checked for incident variants. */
  private variantMark = -1;
  private readonly dispatcher: WebhookDispatcher;
  private monitor?: SurgeMonitor;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: { store: KyselyStore; registry: SignalRegistry; index: IndexService; config: NodeConfig; selfPartner: string; http: HttpClient; log: (fields: Record<string, unknown>, msg: string) => void },
    join?: ClusterJoin,
    private readonly incidentOf: IncidentOf = () => null,
  ) {
    const ctx = deps.store.context;
    const a = deps.config.alerts;
    this.alerts = new StoreAlertSink(ctx);
    this.acks = new AlertAcks(ctx);
    this.alerts.onStored((trx, alert, at) => enqueueAlertDeliveries(trx, alert, at).then(() => undefined));
    this.rules = new ActionRulesStore(ctx, { selfPartner: deps.selfPartner, reviewBelow: a.reviewBelow, allowPrivateWebhooks: a.webhookAllowPrivate, signalType: (name) => deps.registry.get(name).name });
    this.matchActions = new MatchActions(ctx, this.rules);
    this.review = new ReviewQueue(ctx, deps.store);
    this.dispatcher = new WebhookDispatcher(ctx, this.rules, webhookHttp(deps.http, a.webhookAllowPrivate), {
      maxAttempts: a.webhookMaxAttempts,
      backoffMs: a.webhookBackoffMs,
      maxBackoffMs: a.webhookMaxBackoffMs,
      timeoutMs: a.webhookTimeoutMs,
      nodeId: deps.selfPartner,
    });
    // Signals added under one incident are one cluster (docs/early-warning.md).
    this.clusters = new SignalClusters(deps.store.db, deps.registry, deps.index, join ?? incidentClusterJoin(deps.store.db));
    this.incidentEntries = new IncidentClusterEntries(ctx, this.clusters);
    this.alerts.onStored((trx, alert, at) => this.incidentEntries.onAlert(trx, alert, at));
    this.view = new ClusterView(deps.store, this.clusters, () => this.monitor, deps.selfPartner, () => ctx.clock.now());
  }

  /**
   * After a match request: the partner's action rules, and for an uploaded file its new
   * variants. Failures are logged, never the requester's problem: the match answer stands.
   */
  async afterMatch(viewer: Viewer, results: readonly MatchResult[], upload?: readonly { type: string; value: string }[]): Promise<void> {
    try {
      const partner = viewer.kind === 'self' ? this.deps.selfPartner : viewer.partnerId;
      const matches = results.flatMap((r) => r.matches);
      if (matches.length === 0) return;
      // The hot path: without a rule for this partner (cached) and without a file, nothing more is read.
      const ruled = (await this.rules.active()).some((r) => r.partner === partner);
      if (!ruled && !upload) return;
      const records = await this.deps.store.getSignals([...new Set(matches.map((m) => m.signalId))]);
      const uid = new Map(records.map((r) => [r.id, r.uid]));
      const facts = matches.map((m) => ({ signalUid: uid.get(m.signalId) ?? String(m.signalId), type: m.type, label: m.label, distance: m.distance, threshold: this.deps.registry.get(m.type).threshold, incidentId: this.incidentOf(m.signalId) }));
      if (ruled) await this.matchActions.onMatches(partner, facts);
      if (upload) {
        const best = [...matches].sort((x, y) => x.distance - y.distance)[0]!;
        const matchedUid = uid.get(best.signalId) ?? String(best.signalId);
        const proposed = await proposeVariants(this.deps.store.context, this.clusters, { own: upload, matched: { signalId: best.signalId, signalUid: matchedUid, type: best.type, distance: best.distance, label: best.label } });
        if (proposed.length > 0) await this.incidentEntries.onCandidates(best.signalId, matchedUid, proposed);
      }
    } catch (err) {
      this.deps.log({ err: (err as Error).message }, 'match actions');
    }
  }

  /** Sends due webhook deliveries now (the leader does this every webhookPollMs). */
  runDeliveries(): Promise<number> {
    return this.serial(() => this.dispatcher.runDue());
  }

  /** Runs the early-warning tick now (the leader does this every few seconds; it acts only at bucket boundaries of the clock). */
  runEarlyWarning(): Promise<{ cluster: string; count: number }[]> {
    return this.serial(async () => {
      if (!this.monitor) {
        const ew = this.deps.config.earlyWarning;
        this.monitor = new SurgeMonitor(this.deps.store.context, this.clusters, new LocalMatchTally(this.deps.store.db), this.alerts, {
          selfId: this.deps.selfPartner,
          bucketMs: ew.bucketMs,
          sightingsPeriodMs: ew.sightingsPeriodMs,
          shareSightings: ew.shareSightings,
          alertDistribution: ew.alertDistribution,
          surge: { ...DEFAULT_SURGE, minCount: ew.minCount, alpha: ew.alpha, pValue: ew.pValue },
        });
        await this.monitor.start();
        // Signals stored before this process started are not news.
        this.variantMark = this.clusters.lastSignalId;
        return [];
      }
      const started = await this.monitor.tick();
      const upTo = this.clusters.lastSignalId;
      if (upTo > this.variantMark) {
        await this.incidentEntries.onNewSignals(this.variantMark, upTo);
        this.variantMark = upTo;
      }
      return started;
    });
  }

  /**
   * Reads clusters as a viewer may see them, after taking in the signals stored since the
   * last look (in turn with the leader's tick, which shares the clusters).
   */
  readClusters<T>(fn: (view: ClusterView) => Promise<T>): Promise<T> {
    return this.serial(async () => {
      await this.clusters.catchUp();
      return fn(this.view);
    });
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** The leader's jobs: webhook delivery and the early-warning tick, each on a timer that reads the injected clock. */
  async registerJobs(jobs: LeaderJobs): Promise<void> {
    const poll = (name: string, ms: number, fn: () => Promise<unknown>) => {
      let timer: NodeJS.Timeout | undefined;
      return jobs.register({
        name,
        start: () => {
          timer = setInterval(() => void fn().catch((err) => this.deps.log({ err: (err as Error).message }, name)), ms);
          timer.unref();
        },
        stop: async () => clearInterval(timer),
      });
    };
    await poll('webhook-deliveries', this.deps.config.alerts.webhookPollMs, () => this.runDeliveries());
    await poll('early-warning', Math.min(5000, this.deps.config.earlyWarning.bucketMs), () => this.runEarlyWarning());
  }
}
