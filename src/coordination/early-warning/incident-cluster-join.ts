import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../store/database-schema.js';
import type { ClusterJoin } from './cluster-join.js';

const CHUNK = 500;

/** The incident each of these signals was added under (signals under none are left out). */
export async function incidentsOfSignals(db: Kysely<Database> | Transaction<Database>, ids: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db.selectFrom('signals').select(['id', 'incident_uid']).where('id', 'in', ids.slice(i, i + CHUNK)).where('incident_uid', 'is not', null).execute();
    for (const r of rows) out.set(Number(r.id), r.incident_uid!);
  }
  return out;
}

/**
 * Signals added under one incident are one cluster, whatever their type: the key
 * `incident:<id>` joins them (docs/early-warning.md). A match on any of them counts for it.
 *
 * @example
 *   new SignalClusters(db, registry, index, incidentClusterJoin(db));
 */
export function incidentClusterJoin(db: Kysely<Database>): ClusterJoin {
  return {
    async keysOf(ids) {
      const of = await incidentsOfSignals(db, ids);
      return new Map([...of].map(([id, incident]) => [id, [`incident:${incident}`]]));
    },
  };
}
