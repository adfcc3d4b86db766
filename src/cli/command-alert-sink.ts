import type { AlertSink } from '../coordination/alert-sink.js';
import { EarlyWarningServices } from '../coordination/early-warning-services.js';
import type { NodeConfig } from '../config/node-config.js';
import { outboundHttp } from '../exchange/outbound/outbound-http.js';
import type { IndexService } from '../match/index-service.js';
import type { SignalRegistry } from '../signals/signal-registry.js';
import type { KyselyStore } from '../store/kysely-store.js';

export interface CommandAlertDeps {
  readonly store: KyselyStore;
  readonly registry: SignalRegistry;
  readonly index: IndexService;
  readonly config: NodeConfig;
  readonly selfPartner: string;
  readonly log: (fields: Record<string, unknown>, msg: string) => void;
}

/**
 * The node's own alert sink for a command that raises alerts in a process of its own
 * (`concord source check`), composed as `concord serve` composes it (createNode): one
 * transaction stores the alert in the node's alert store, publishes it on the node's signed
 * feed for the partners its level lets see it, queues it for every webhook rule whose
 * partner may see it, and writes it on the timelines of the incidents it concerns.
 *
 * The queued webhooks are sent by the serving node's leader, the one process that sends
 * them, so no delivery ever goes out twice. The signal clusters (which incidents an alert
 * concerns through its signals' variants) are read once, before the first alert: a check
 * that finds nothing does not pay for them.
 */
export function commandAlertSink(deps: CommandAlertDeps): AlertSink {
  const services = new EarlyWarningServices({ store: deps.store, registry: deps.registry, index: deps.index, config: deps.config, selfPartner: deps.selfPartner, http: outboundHttp(), log: deps.log });
  let caughtUp: Promise<unknown> | undefined;
  return {
    async raise(input) {
      await (caughtUp ??= services.readClusters(async () => undefined));
      await services.alerts.raise(input);
    },
  };
}
