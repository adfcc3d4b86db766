import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The monitor's tables added by migration 0014-monitor-pacing, in the store's Database type
 * here (declaration merging) so their schema lives with the module.
 *
 * - `monitor_host_pacing`: per host, the earliest time (ms since the epoch) the next request
 *   may go. Every process of a node that fetches (the leader's rounds, an API check, the
 *   `concord source check` CLI) takes its turn here, so the pause holds across processes.
 * - `monitor_find_referrals`: the referrals and removal orders opened from a find (one per
 *   partner), so the find shows where it was sent.
 */
declare module '../store/database-schema.js' {
  interface Database {
    monitor_host_pacing: { host: string; next_at: number | string };
    monitor_find_referrals: { find_id: number; referral_id: string; partner: string; kind: string; created_at: string };
  }
}

/** Migration 0014-monitor-pacing. Portable SQL: the same statements run on SQLite and PostgreSQL. */
export const monitorPacingMigration: Migration = {
  async up(db: Kysely<any>) {
    await sql`create table monitor_host_pacing (host text primary key, next_at bigint not null)`.execute(db);
    await sql`create table monitor_find_referrals (
      find_id integer not null,
      referral_id text not null,
      partner text not null,
      kind text not null,
      created_at text not null,
      primary key (find_id, partner))`.execute(db);
  },
};
