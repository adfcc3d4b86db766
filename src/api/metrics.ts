import client from 'prom-client';
import type { IndexService } from '../match/index-service.js';
import type { SyncCursor } from '../store/store-cursors.js';

/** Prometheus metrics of one node process, on their own registry. */
export class NodeMetrics {
  readonly registry = new client.Registry();
  readonly requestSeconds = new client.Histogram({
    name: 'concord_http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [this.registry],
  });
  readonly queries = new client.Counter({ name: 'concord_match_queries_total', help: 'Signals looked up, by type', labelNames: ['type'], registers: [this.registry] });
  readonly matches = new client.Counter({ name: 'concord_matches_total', help: 'Matches returned, by type and label', labelNames: ['type', 'label'], registers: [this.registry] });

  constructor(index: IndexService, syncCursors?: () => Promise<SyncCursor[]>) {
    const registry = this.registry;
    new client.Gauge({
      name: 'concord_index_signals',
      help: 'Signals in the in-memory index, by type',
      labelNames: ['type'],
      registers: [registry],
      collect() {
        for (const [type, n] of Object.entries(index.sizes())) this.set({ type }, n);
      },
    });
    new client.Gauge({
      name: 'concord_index_memory_bytes',
      help: 'Approximate bytes held by the in-memory indexes',
      registers: [registry],
      collect() {
        this.set(index.memoryBytes());
      },
    });
    if (syncCursors) {
      // One read of the cursors per scrape serves the three partner gauges.
      let cursors: Promise<SyncCursor[]> | undefined;
      const read = () => (cursors ??= syncCursors().finally(() => setTimeout(() => (cursors = undefined), 500)));
      const partnerGauge = (name: string, help: string, value: (c: SyncCursor) => number) =>
        new client.Gauge({
          name,
          help,
          labelNames: ['partner'],
          registers: [registry],
          async collect() {
            this.reset();
            for (const c of await read().catch(() => [])) this.set({ partner: c.partnerId }, value(c));
          },
        });
      partnerGauge('concord_sync_lag_events', "Partner feed events not applied here yet, as of the last contact", (c) => Math.max(0, c.remoteHead - c.lastSeq));
      partnerGauge('concord_sync_applied_events', 'Partner feed events applied here so far', (c) => c.applied);
      partnerGauge('concord_sync_last_success_timestamp_seconds', 'When a pull from the partner last succeeded (0: never)', (c) => (c.lastSuccessAt ? Date.parse(c.lastSuccessAt) / 1000 : 0));
    }
    client.collectDefaultMetrics({ register: registry });
  }
}
