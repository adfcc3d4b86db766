import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { idsByCount } from '../match-count-groups.js';
import { MATCH_HOURS_CHUNK, matchHour, matchHoursUpsertSql } from '../match-hours.js';

/**
 * The thread that writes match counts for SQLiteMatchCountWriter, on a connection of its
 * own: `{ id, entries: [signalId, count][], at }` in, `{ id }` or `{ id, error }` out.
 * synchronous=NORMAL: counts are statistics, and in WAL mode NORMAL still never corrupts.
 */
const db = new SQLite((workerData as { file: string }).file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
const statements = new Map<number, SQLite.Statement>();
const CHUNK = 500;

function updateFor(size: number): SQLite.Statement {
  let statement = statements.get(size);
  if (!statement) {
    statement = db.prepare(`update signals set match_count = match_count + ?, last_matched_at = ? where id in (${new Array(size).fill('?').join(',')})`);
    statements.set(size, statement);
  }
  return statement;
}

const upserts = new Map<number, SQLite.Statement>();
function upsertFor(size: number): SQLite.Statement {
  let statement = upserts.get(size);
  if (!statement) upserts.set(size, (statement = db.prepare(matchHoursUpsertSql(size))));
  return statement;
}

const write = db.transaction((entries: [number, number][], at: string) => {
  for (const [n, ids] of idsByCount(entries)) {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      updateFor(chunk.length).run(n, at, ...chunk);
    }
  }
  const hour = matchHour(at);
  for (let i = 0; i < entries.length; i += MATCH_HOURS_CHUNK) {
    const chunk = entries.slice(i, i + MATCH_HOURS_CHUNK);
    upsertFor(chunk.length).run(...chunk.flatMap(([id, n]) => [hour, id, n]));
  }
});

parentPort!.on('message', ({ id, entries, at }: { id: number; entries: [number, number][]; at: string }) => {
  try {
    write(entries, at);
    parentPort!.postMessage({ id });
  } catch (err) {
    parentPort!.postMessage({ id, error: (err as Error).message });
  }
});
