import type { NodeConfig } from '../config/node-config.js';
import type { IndexService } from '../match/index-service.js';
import type { MatchService } from '../match/match-service.js';
import type { MediaPorts } from '../signals/content-source.js';
import type { SignalRegistry } from '../signals/signal-registry.js';
import type { Store } from '../store/store.js';
import type { NodeMetrics } from './metrics.js';

/** What the HTTP routes are given: ports and services, built once by the composition root. */
export interface ApiDeps {
  readonly config: NodeConfig;
  readonly registry: SignalRegistry;
  readonly store: Store;
  readonly index: IndexService;
  readonly matcher: MatchService;
  readonly media: MediaPorts;
  readonly metrics: NodeMetrics;
  /** The node's own partner id: the contributor of everything added here. */
  readonly selfPartner: string;
}
