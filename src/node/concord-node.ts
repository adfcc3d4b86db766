import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../api/app.js';
import { NodeMetrics } from '../api/metrics.js';
import type { NodeConfig } from '../config/node-config.js';
import { readEnv } from '../config/env.js';
import { defaultMediaPorts } from '../media/media-ports.js';
import { IndexService } from '../match/index-service.js';
import { MatchCounter } from '../match/match-counter.js';
import { MatchService } from '../match/match-service.js';
import type { MediaPorts } from '../signals/content-source.js';
import { defaultRegistry } from '../signals/default-registry.js';
import type { KyselyStore } from '../store/kysely-store.js';
import { packageRoot } from '../util/package-root.js';
import { loadDemoBank } from './demo-bank.js';
import { ensureIdentity, SYSTEM_KEY } from './node-identity.js';
import { FeedNotifier } from '../exchange/feed/feed-notifier.js';
import { DEFAULT_PULLER_OPTIONS } from '../exchange/sync/partner-puller.js';
import { SyncSupervisor } from '../exchange/sync/sync-supervisor.js';
import { openStore } from './open-store.js';
import { sqliteFile } from '../config/node-config.js';
import { SqliteMatchCountWriter } from '../store/sqlite/sqlite-match-count-writer.js';
import { outboundHttp, type HttpClient } from '../exchange/outbound/outbound-http.js';
import { systemClock, type Clock } from '../util/clock.js';
import { randomIds, type IdGenerator } from '../util/id-generator.js';
import { LeaderElection } from './leader/leader-election.js';
import { LeaderJobs } from './leader/leader-jobs.js';
import { openLeaderLease } from './leader/open-leader-lease.js';
import { registerLeaderMetric } from './leader/leader-metrics.js';
import type { AlertSink } from '../coordination/alert-sink.js';
import { IncidentWatch } from '../coordination/incidents/incident-watch.js';
import { referralOverdueJob } from '../coordination/referrals/referral-overdue-watch.js';
import { registerClusterMetrics } from '../coordination/early-warning/cluster-metrics.js';
import { EarlyWarningServices } from '../coordination/early-warning-services.js';
import { Monitor } from '../monitor/monitor.js';
import { registerMonitorJob } from '../monitor/monitor-job.js';
import type { Wait } from '../monitor/host-pacer.js';
import { SIGNAL_STATUSES } from '../domain/signal-record.js';

/** Deconfliction compares content whatever a signal's status: a retracted hash still names the same file. */
const ANY_STATUS = new Set(SIGNAL_STATUSES);

export interface ConcordNode {
  readonly app: FastifyInstance;
  readonly store: KyselyStore;
  readonly index: IndexService;
  /** The monitor of public sources (src/monitor/). */
  readonly monitor: Monitor;
  readonly selfPartner: string;
  readonly sync?: SyncSupervisor;
  /** Work only the sync leader does; register scheduled jobs here. Absent when this process never syncs. */
  readonly leaderJobs?: LeaderJobs;
  readonly election?: LeaderElection;
  /** The leader's periodic look at open incidents (present where leaderJobs is); tests call its tick(). */
  readonly incidentWatch?: IncidentWatch;
  /** Alerts (the node's AlertSink), action rules, webhooks, review queue, clusters and surge detection. */
  readonly earlyWarning: EarlyWarningServices;
  /** Set on the first start only: where the admin key was written. */
  readonly adminKeyFile?: string;
  /** Listens on the configured host and port; returns the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/**
 * The composition root of a node: store, identity, indexes, services and the HTTP API.
 * `concord serve` calls it; so do the API tests (without listening).
 */
/** What a node may be given instead of the system's own (tests fix the clock, the ids and the partners' HTTP). */
export interface NodePorts {
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly http?: HttpClient;
  /** Where coordination modules raise alerts; default: the node's store-backed sink (alerts, feed, webhooks). */
  readonly alerts?: AlertSink;
  /** How the monitor waits out its per-host pause (tests advance a manual clock instead). */
  readonly monitorWait?: Wait;
}

export async function createNode(config: NodeConfig, options: { logger?: boolean; name?: string; skipSetup?: boolean; sync?: boolean } & NodePorts = {}): Promise<ConcordNode> {
  mkdirSync(config.dataDir, { recursive: true });
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? randomIds;
  const store = await openStore(config, { clock, ids });
  const registry = defaultRegistry();
  const { selfPartner, adminKeyFile, key: nodeKey } = await ensureIdentity(store, config.dataDir, options.name ?? 'This node');
  const index = new IndexService(registry, store, ids, clock);
  // Received referrals recognise the same content under a near-matching hash (referral-deconfliction.ts).
  store.context.nearSignals = (type, value) => {
    const found = registry.lookup(type);
    return found.ok ? index.search(type, value, found.value.threshold, ANY_STATUS).map((h) => h.id) : [];
  };
  const loaded = await index.load(join(config.dataDir, 'index-snapshot.bin'));
  if (config.demo && !options.skipSetup) await loadDemoBank(store, registry, index, packageRoot(), { partner: selfPartner, keyId: SYSTEM_KEY });
  index.follow(config.changePollMs);
  // On SQLite, counts are written from a thread of their own (better-sqlite3 blocks the thread it runs on).
  const countWriter = store.dialect === 'sqlite' ? new SqliteMatchCountWriter(sqliteFile(config)) : undefined;
  const counter = new MatchCounter(countWriter ?? store, undefined, clock);
  counter.start();
  const media: MediaPorts = defaultMediaPorts(readEnv(), { maxPixels: config.maxPixels, maxDurationSeconds: config.maxDurationSeconds, timeoutMs: config.decodeTimeoutMs }, config);
  const metrics = new NodeMetrics(index, () => store.listSyncCursors());
  const matcher = new MatchService(registry, index, store, counter);
  store.setAuditCheckpointEvery(config.auditCheckpointEvery);
  const feed = new FeedNotifier(() => store.latestFeedSeq());
  const unsubscribe = store.onCommit(() => feed.poke());
  let sync: SyncSupervisor | undefined;
  const http = options.http ?? outboundHttp();
  let log: (fields: Record<string, unknown>, msg: string) => void = () => undefined;
  let leaderJobs: LeaderJobs | undefined;
  let election: LeaderElection | undefined;
  // With several processes, only the leader searches the index for cluster links (signal-clusters.ts).
  const earlyWarning = new EarlyWarningServices({ store, registry, index, config, selfPartner, http, log: (fields, msg) => log(fields, msg), linksClusters: () => election?.isLeader ?? true });
  registerClusterMetrics(metrics.registry, store.context, earlyWarning.clusterLinks);
  let incidentWatch: IncidentWatch | undefined;
  const alerts = options.alerts ?? earlyWarning.alerts;
  const monitor = new Monitor({ store, registry, matcher, media, alerts, clock, config: config.monitor, ...(options.monitorWait ? { wait: options.monitorWait } : {}), log: (fields, msg) => log(fields, msg) });
  const app = await buildApp({ config, registry, store, index, matcher, media, metrics, selfPartner, nodeKey, feed, monitor, get sync() { return sync; }, get election() { return election; }, clock, earlyWarning }, { logger: options.logger });
  if (config.sync && options.sync !== false) {
    // Every process of the node competes for the lease; the one holding it pulls partners' feeds.
    leaderJobs = new LeaderJobs((fields, msg) => app.log.warn(fields, msg));
    await leaderJobs.register({
      name: 'partner-sync',
      start: () => {
        sync = new SyncSupervisor(
          // Page heads are checked against the node's own clock, the one its feed signs them with.
          { store, registry, key: nodeKey, selfId: selfPartner, disputeThreshold: config.disputeThreshold, http, onApplied: () => index.refresh(), log: (fields, msg) => app.log.warn(fields, msg), now: () => clock.now() },
          { ...DEFAULT_PULLER_OPTIONS, waitMs: config.syncWaitMs, maxBackoffMs: config.syncMaxBackoffMs },
        );
        sync.start();
      },
      stop: async () => {
        const running = sync;
        sync = undefined;
        await running?.stop();
      },
    });
    // The leader also publishes periodic audit checkpoints (cheap: nothing when the chain did not grow).
    if (config.auditCheckpointIntervalMs > 0) {
      let checkpoints: NodeJS.Timeout | undefined;
      await leaderJobs.register({
        name: 'audit-checkpoints',
        start: () => {
          checkpoints = setInterval(() => void store.publishAuditCheckpoint().catch((err) => app.log.warn({ err: (err as Error).message }, 'audit checkpoint')), config.auditCheckpointIntervalMs);
          checkpoints.unref();
        },
        stop: async () => clearInterval(checkpoints),
      });
    }
    // The leader rolls matches up to incidents and proposes conclusions (coordination/incidents/incident-watch.ts).
    const watch = new IncidentWatch(store.incidents, config.incidents, clock, alerts, { partner: selfPartner, keyId: SYSTEM_KEY });
    incidentWatch = watch;
    let watching: NodeJS.Timeout | undefined;
    await leaderJobs.register({
      name: 'incident-watch',
      start: () => {
        watching = setInterval(() => void watch.tick().catch((err) => app.log.warn({ err: (err as Error).message }, 'incident watch')), config.incidents.checkIntervalMs);
        watching.unref();
      },
      stop: async () => clearInterval(watching),
    });
    // Overdue referral clocks raise one alert each.
    const alertLog = (fields: Record<string, unknown>, msg: string) => app.log.warn(fields, msg);
    await leaderJobs.register(referralOverdueJob(store.referrals, alerts, clock, config.referrals.overdueCheckMs, alertLog));
    await earlyWarning.registerJobs(leaderJobs);
    // The monitor of public sources: one process fetches, and only once it may name a contact.
    if (config.monitor.contact) await registerMonitorJob(leaderJobs, monitor, config.monitor.tickMs, (fields, msg) => app.log.warn(fields, msg));
    else app.log.info('monitor of public sources idle: set monitor.contact to start it');
    election = new LeaderElection(openLeaderLease(config, store, clock), leaderJobs, clock, { ttlMs: config.syncLeaseMs, intervalMs: config.syncLeaseRetryMs });
    election.start();
    registerLeaderMetric(metrics.registry, election);
  }
  log = (fields, msg) => app.log.warn(fields, msg);
  app.log.info({ signals: loaded.signals, ms: Math.round(loaded.ms), from: loaded.from, store: store.dialect }, 'index loaded');

  let closed = false;
  return {
    app,
    store,
    index,
    monitor,
    selfPartner,
    get sync() {
      return sync;
    },
    leaderJobs,
    election,
    incidentWatch,
    earlyWarning,
    adminKeyFile,
    async listen() {
      const url = await app.listen({ host: config.host, port: config.port });
      await store.setSetting('node.url', config.publicUrl ?? url);
      // A serving node starts its decoders ahead (a waiting ffmpeg), so its first upload is as fast as the rest.
      for (const type of registry.all()) type.prepare?.(media);
      return url;
    },
    async close() {
      if (closed) return;
      closed = true;
      await election?.stop();
      feed.close();
      unsubscribe();
      await app.close();
      await index.stop();
      await counter.stop();
      await countWriter?.close();
      await media.close?.();
      await store.close();
    },
  };
}

/**
 * First-start work done once before worker processes start: schema migrations, the
 * node's identity and admin key, the demo bank. Workers then find everything in place.
 */
export async function prepareNode(config: NodeConfig, options: { name?: string } = {}): Promise<{ adminKeyFile?: string }> {
  mkdirSync(config.dataDir, { recursive: true });
  const store = await openStore(config);
  try {
    const { selfPartner, adminKeyFile } = await ensureIdentity(store, config.dataDir, options.name ?? 'This node');
    if (config.demo) await loadDemoBank(store, defaultRegistry(), undefined, packageRoot(), { partner: selfPartner, keyId: SYSTEM_KEY });
    return { adminKeyFile };
  } finally {
    await store.close();
  }
}
