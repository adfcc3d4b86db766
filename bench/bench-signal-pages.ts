/**
 * bench signal-pages: GET /v1/signals's query (store-signal-list.ts) on a SQLite store of
 * N signals (default 1,000,000) in a big bank and a small one, median of 7 runs per page:
 * ours (keyset on the primary key, filters as planner hints) beside the plain query the
 * indexes alone would give (the bank's index, then a sort of the whole bank).
 *
 *   npm run bench:signal-pages -- --signals 1000000
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openSqliteStore } from '../src/store/sqlite/sqlite-database.js';
import type { SignalListQuery } from '../src/store/store-signal-list.js';
import { packageRoot } from '../src/util/package-root.js';
import { quantile } from './quantile.js';

const i = process.argv.indexOf('--signals');
const n = i >= 0 ? Number(process.argv[i + 1]) : 1_000_000;
const store = await openSqliteStore(join(mkdtempSync(join(tmpdir(), 'concord-bench-pages-')), 'concord.db'));
const actor = { partner: 'p-self', keyId: null };
await store.createPartner({ id: 'p-self', name: 'Self', kind: 'self' }, actor);
const big = (await store.createBank({ name: 'big', description: '' }, actor)).id;
const small = (await store.createBank({ name: 'small', description: '' }, actor)).id;
// One signal in 1000 goes to the small bank; a third are pdq; one in 8 has the rarer label.
await sql`WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${n})
  INSERT INTO signals (bank_id, type, value, label, reason, contributor, distribution, status, match_count, created_at, updated_at, uid)
  SELECT CASE WHEN x % 1000 = 0 THEN ${small} ELSE ${big} END, CASE WHEN x % 3 = 0 THEN 'pdq' ELSE 'md5' END, printf('%032x', x),
    CASE WHEN x % 8 = 0 THEN 'instruction_for_violence' ELSE 'perpetrator_content' END, 'bulk', 'p-self', 'local', 'active', 0, '2026-01-01', '2026-01-01', 'u' || x
  FROM c`.execute(store.db);
await sql`ANALYZE`.execute(store.db);

async function median(run: () => Promise<unknown>): Promise<number> {
  const xs: number[] = [];
  for (let k = 0; k < 7; k++) {
    const start = performance.now();
    await run();
    xs.push(performance.now() - start);
  }
  return quantile(xs.sort((a, b) => a - b), 0.5);
}

const cases: Record<string, SignalListQuery> = {
  'big bank, page 1': { bankId: big, limit: 25 },
  'big bank, a page half-way': { bankId: big, before: Math.floor(n / 2), limit: 25 },
  'big bank, type and label': { bankId: big, type: 'md5', label: 'instruction_for_violence', limit: 25 },
  'small bank, page 1': { bankId: small, limit: 25 },
  'review queue': { awaiting: 'confirmation', limit: 50 },
  "a partner's key, big bank holding nothing it may see": { bankId: big, limit: 25, filter: { levels: ['partners', 'network'], anyGroup: false, partner: 'p-other' } },
};
const results: Record<string, number> = {};
for (const [name, q] of Object.entries(cases)) {
  results[name] = await median(() => store.listSignalPage(q));
  console.log(`${name}: median ${results[name]!.toFixed(2)} ms`);
}
const comparison = await median(() => store.db.selectFrom('signals').selectAll().where('bank_id', '=', big).orderBy('id', 'desc').limit(25).execute());
console.log(`comparison, bank index then sort, big bank page 1: median ${comparison.toFixed(1)} ms; ratio ${(comparison / results['big bank, page 1']!).toFixed(0)}x`);
const counts = await median(() => store.signalCounts(undefined));
console.log(`dashboard counts per label and type (GET /v1/stats/signals): median ${counts.toFixed(0)} ms`);
await store.close();

const out = join(packageRoot(), 'bench', 'results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'signal-pages.json'), JSON.stringify({ bench: 'signal-pages', at: new Date().toISOString(), signals: n, medianMs: results, comparisonMs: comparison, countsMs: counts }, null, 2));
