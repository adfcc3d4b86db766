import client from 'prom-client';
import type { LeaderElection } from './leader-election.js';

/** `concord_sync_leader`: 1 in the process that holds the sync lease, 0 in the others; summed over a node's processes it must be 1. */
export function registerLeaderMetric(registry: client.Registry, election: LeaderElection): void {
  new client.Gauge({
    name: 'concord_sync_leader',
    help: 'Whether this process holds the sync lease and pulls partners\' feeds (1) or not (0)',
    // The pid tells apart the processes of one node, which a scrape reaches one at a time.
    labelNames: ['pid'],
    registers: [registry],
    collect() {
      this.set({ pid: String(process.pid) }, election.isLeader ? 1 : 0);
    },
  });
}
