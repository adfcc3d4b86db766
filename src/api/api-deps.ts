import type { NodeConfig } from '../config/node-config.js';
import type { IndexService } from '../match/index-service.js';
import type { MatchService } from '../match/match-service.js';
import type { MediaPorts } from '../signals/content-source.js';
import type { SignalRegistry } from '../signals/signal-registry.js';
import type { FeedNotifier } from '../exchange/feed/feed-notifier.js';
import type { NodeKey } from '../exchange/node-key.js';
import type { SyncSupervisor } from '../exchange/sync/sync-supervisor.js';
import type { KyselyStore } from '../store/kysely-store.js';
import type { NodeMetrics } from './metrics.js';
import type { Clock } from '../util/clock.js';
import type { LeaderElection } from '../node/leader/leader-election.js';
import type { EarlyWarningServices } from '../coordination/early-warning-services.js';
import type { Monitor } from '../monitor/monitor.js';

/** What the HTTP routes are given: ports and services, built once by the composition root. */
export interface ApiDeps {
  readonly config: NodeConfig;
  readonly registry: SignalRegistry;
  readonly store: KyselyStore;
  readonly index: IndexService;
  readonly matcher: MatchService;
  readonly media: MediaPorts;
  readonly metrics: NodeMetrics;
  /** The node's own partner id: the contributor of everything added here. */
  readonly selfPartner: string;
  readonly nodeKey: NodeKey;
  /** Wakes long-polling feed readers. */
  readonly feed: FeedNotifier;
  /** Pulls partners' feeds; present only while this process holds the sync lease. */
  readonly sync?: SyncSupervisor;
  /** This process's part in the sync leader election; absent when it never syncs. */
  readonly election?: LeaderElection;
  readonly clock?: Clock;
  /** Alerts, actions and early warning; absent in apps built without them. */
  readonly earlyWarning?: EarlyWarningServices;
  /** The monitor of public sources (src/monitor/). */
  readonly monitor: Monitor;
}
