import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from './migrations.js';

/**
 * 0016: match_hours keyed by (hour, signal) instead of (signal, hour). Every match-count
 * flush (once a second) upserts one row per signal matched, all in the current hour: keyed
 * by hour first, those rows sit side by side at the end of the key, so a flush touches a
 * few pages instead of one page per signal scattered over the whole history. On SQLite the
 * table is WITHOUT ROWID: the key is the table, so an upsert finds and changes one b-tree,
 * not a key index and then the row. Reports read hour ranges, which the new key serves, so
 * the separate index on hour goes. bench/match-hours-cost.ts measures the difference.
 */
export function matchHoursByHourMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<any>) {
      const rowid = dialect === 'sqlite' ? sql.raw(' without rowid') : sql.raw('');
      await sql`create table match_hours_by_hour (
        hour text not null,
        signal_id integer not null,
        matches integer not null,
        constraint match_hours_hour_signal_pk primary key (hour, signal_id))${rowid}`.execute(db);
      await sql`insert into match_hours_by_hour (hour, signal_id, matches) select hour, signal_id, matches from match_hours`.execute(db);
      await sql`drop table match_hours`.execute(db);
      await sql`alter table match_hours_by_hour rename to match_hours`.execute(db);
    },
  };
}
