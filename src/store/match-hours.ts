/**
 * The UTC hour a match time falls in, as stored in match_hours: reports count matches by
 * hour, so a period boundary on the hour splits them exactly.
 *
 * @example
 *   matchHour('2026-12-05T13:42:07.120Z'); // '2026-12-05T13:00:00.000Z'
 */
export function matchHour(at: string): string {
  const ms = Date.parse(at);
  return new Date(ms - (((ms % 3_600_000) + 3_600_000) % 3_600_000)).toISOString();
}

/** Rows of a flush for match_hours, chunked so a statement stays under both engines' parameter limits. */
export const MATCH_HOURS_CHUNK = 300;

/**
 * The upsert that adds a flush's counts to its hour. Both engines accept it as written:
 * the target column qualified by its table (PostgreSQL requires it), `excluded` for the new row.
 * The conflict target is the table's key, hour first (migration 0016: a flush's rows are all
 * in one hour, and sit together under that key).
 */
export const matchHoursUpsertSql = (rows: number): string =>
  `insert into match_hours (hour, signal_id, matches) values ${new Array(rows).fill('(?, ?, ?)').join(', ')} ` +
  'on conflict (hour, signal_id) do update set matches = match_hours.matches + excluded.matches';
