/**
 * A plug-in point for what else joins signals into one cluster besides near-matches: each
 * signal may carry keys, and signals sharing a key are one cluster. The incidents module
 * provides `incident:<id>` keys (signals added under one incident); a branch without it
 * joins by near-matches only (`noJoin`).
 *
 * @example
 *   const byIncident: ClusterJoin = { keysOf: async (ids) => new Map(ids.map((id) => [id, incidentKeys(id)])) };
 */
export interface ClusterJoin {
  keysOf(signalIds: readonly number[]): Promise<ReadonlyMap<number, readonly string[]>>;
}

export const noJoin: ClusterJoin = { keysOf: async () => new Map() };
