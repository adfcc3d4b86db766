import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ExactSignalIndex } from '../src/index/exact-signal-index.js';
import { editText, FIXTURE_LANGUAGES, seededRandom, syntheticText, vocabulary } from '../src/signals/text/text-corpus.js';
import { EDITS, measurePairs, nearestUnrelated, precisionRecallCurve } from '../src/signals/text/text-minhash-curve.js';
import { LSH_BANDS, LSH_ROWS, MinhashLshIndex } from '../src/signals/text/text-minhash-index.js';
import { TEXT_MINHASH_THRESHOLD } from '../src/signals/text/text-minhash-signal.js';
import { encodeMinhash, MINHASH_SIZE, minhashSignature } from '../src/signals/text/text-minhash.js';
import { normaliseText } from '../src/signals/text/text-normalise.js';
import { canonicaliseUrl } from '../src/signals/url/url-canonical.js';
import { UrlIndex } from '../src/signals/url/url-index.js';
import { repoRoot } from '../src/testing/repo-root.js';

interface Stats {
  median: number;
  min: number;
  max: number;
}

const stats = (values: number[]): Stats => {
  const sorted = [...values].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return { median: r(sorted[Math.floor((sorted.length - 1) / 2)]!), min: r(sorted[0]!), max: r(sorted[sorted.length - 1]!) };
};
const fmt = (s: Stats, unit: string) => `${s.median} ${unit} (min ${s.min}, max ${s.max})`;

/** Runs `fn` over `items` once per round; returns items a second for each round. */
function rate<T>(items: readonly T[], rounds: number, fn: (item: T) => unknown): Stats {
  const perSecond: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (const item of items) fn(item);
    perSecond.push(items.length / (Number(process.hrtime.bigint() - start) / 1e9));
  }
  return stats(perSecond);
}

/** A text of about `bytes` UTF-8 bytes in the language. */
function textOfBytes(language: (typeof FIXTURE_LANGUAGES)[number], bytes: number, rng: () => number): string {
  let text = syntheticText(language, bytes, rng);
  while (Buffer.byteLength(text) > bytes) text = text.slice(0, Math.floor(text.length * 0.95));
  return text;
}

/**
 * Benchmarks the text and URL signals on one core and measures text_minhash's
 * precision/recall curve. Options: `--rounds N` (default 7), `--docs N` 5 KB documents
 * (default 160), `--index N` index entries (default 10000), `--out FILE` or `--out -`
 * to skip writing (default bench/results/text.json).
 *
 * @example
 *   await benchText(['--rounds', '3', '--out', '-']);
 */
export async function benchText(argv: readonly string[]): Promise<object> {
  const arg = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
  };
  const rounds = Number(arg('rounds', '7'));
  const docCount = Number(arg('docs', '160'));
  const indexSize = Number(arg('index', '10000'));
  const log = (line: string) => console.log(line);
  const loadStart = loadavg();
  const rng = seededRandom(7);

  // 1. Throughput on 5 KB documents, all scripts.
  const docs = Array.from({ length: docCount }, (_, i) => textOfBytes(FIXTURE_LANGUAGES[i % FIXTURE_LANGUAGES.length]!, 5000, rng));
  const normalised = docs.map(normaliseText);
  const throughput = {
    documentBytes: 5000,
    documents: docCount,
    endToEnd: rate(docs, rounds, (t) => {
      const n = normaliseText(t);
      createHash('sha256').update(n).digest('hex');
      encodeMinhash(minhashSignature(n));
    }),
    normaliseOnly: rate(docs, rounds, normaliseText),
    sha256Only: rate(normalised, rounds, (n) => createHash('sha256').update(n).digest('hex')),
    minhashOnly: rate(normalised, rounds, (n) => encodeMinhash(minhashSignature(n))),
  };
  log(`5 KB documents a second, one core: end to end ${fmt(throughput.endToEnd, 'docs/s')}`);
  log(`  normalise ${fmt(throughput.normaliseOnly, '/s')}; sha256 ${fmt(throughput.sha256Only, '/s')}; minhash ${fmt(throughput.minhashOnly, '/s')}`);

  // 2. Index queries. Entries: 1 KB synthetic texts, a hard case (same vocabulary per
  //    language, so buckets collide), plus near-duplicates of the queries.
  log(`building a text_minhash index of ${indexSize} entries…`);
  const entries: string[] = [];
  for (let i = 0; entries.length < indexSize; i++) {
    entries.push(encodeMinhash(minhashSignature(normaliseText(syntheticText(FIXTURE_LANGUAGES[i % 8]!, 1000, rng)))));
  }
  const queries: string[] = [];
  const heapBefore = process.memoryUsage().heapUsed;
  const index = new MinhashLshIndex();
  const buildStart = process.hrtime.bigint();
  entries.forEach((v, id) => index.add(id, v));
  const buildSeconds = Number(process.hrtime.bigint() - buildStart) / 1e9;
  const heapAfter = process.memoryUsage().heapUsed;
  for (let i = 0; i < 200; i++) {
    const language = FIXTURE_LANGUAGES[i % 8]!;
    const base = syntheticText(language, 1000, rng);
    const id = indexSize + i;
    index.add(id, encodeMinhash(minhashSignature(normaliseText(base))));
    queries.push(encodeMinhash(minhashSignature(normaliseText(editText(base, 'substitute', 0.05, vocabulary(language), rng)))));
  }
  let found = 0;
  for (const q of queries) if (index.search(q, TEXT_MINHASH_THRESHOLD).length > 0) found++;
  const randomIndex = new MinhashLshIndex();
  for (let id = 0; id < indexSize; id++) randomIndex.add(id, encodeMinhash(Uint32Array.from({ length: MINHASH_SIZE }, () => (rng() * 2 ** 32) >>> 0)));
  const exact = new ExactSignalIndex();
  const digests = docs.map((_, i) => createHash('sha256').update(String(i)).digest('hex'));
  for (let id = 0; id < 100_000; id++) exact.add(id, createHash('sha256').update(String(id)).digest('hex'));
  const indexResults = {
    entries: index.size,
    bandsByRows: `${LSH_BANDS}x${LSH_ROWS}`,
    buildEntriesPerSecond: Math.round(indexSize / buildSeconds),
    heapBytesPerEntry: Math.round((heapAfter - heapBefore) / indexSize),
    estimatedBytesPerEntry: Math.round(index.memoryBytes() / index.size),
    sameVocabularyQueriesPerSecond: rate(queries, rounds, (q) => index.search(q, TEXT_MINHASH_THRESHOLD)),
    nearDuplicatesFound: `${found}/${queries.length}`,
    randomEntriesQueriesPerSecond: rate(queries, rounds, (q) => randomIndex.search(q, TEXT_MINHASH_THRESHOLD)),
    verifiedScanQueriesPerSecond: rate(queries.slice(0, 20), Math.min(rounds, 3), (q) => index.search(q, 96)),
    textSha256ExactQueriesPerSecond: rate(digests, rounds, (d) => exact.search(d, 0)),
  };
  log(`text_minhash index, ${index.size} entries (${LSH_BANDS}×${LSH_ROWS} bands): same-vocabulary queries ${fmt(indexResults.sameVocabularyQueriesPerSecond, 'q/s')}, found ${indexResults.nearDuplicatesFound} near-duplicates`);
  log(`  against unrelated (random) entries ${fmt(indexResults.randomEntriesQueriesPerSecond, 'q/s')}; beyond 63 (verified scan) ${fmt(indexResults.verifiedScanQueriesPerSecond, 'q/s')}`);
  log(`  ~${indexResults.heapBytesPerEntry} heap bytes an entry; build ${indexResults.buildEntriesPerSecond} entries/s; text_sha256 exact index ${fmt(indexResults.textSha256ExactQueriesPerSecond, 'q/s')}`);

  // 3. URLs: canonicalisation and the url index.
  const urls = Array.from({ length: 2000 }, (_, i) => `HTTP://WWW.Example${i % 50}.com:80/forum/./thread/${i}/?utm_source=tg&page=${i % 7}&b=2#reply`);
  const urlIndex = new UrlIndex();
  for (let id = 0; id < 100_000; id++) urlIndex.add(id, id % 10 === 0 ? `https://example${id % 50}.com/forum/${id}/*` : `https://example${id % 50}.com/forum/thread/${id}?page=${id % 7}`);
  const canonical = urls.map((u) => {
    const c = canonicaliseUrl(u);
    return c.ok ? c.value.value : '';
  });
  const urlResults = {
    canonicalisePerSecond: rate(urls, rounds, (u) => canonicaliseUrl(u)),
    indexEntries: urlIndex.size,
    indexQueriesPerSecond: rate(canonical, rounds, (u) => urlIndex.search(u, 1)),
  };
  log(`url: canonicalise ${fmt(urlResults.canonicalisePerSecond, '/s')}; index of ${urlIndex.size} ${fmt(urlResults.indexQueriesPerSecond, 'q/s')}`);

  // 4. Precision/recall.
  log('measuring the precision/recall curve…');
  const pairs = measurePairs({ seed: 1, repeats: 3 });
  const thresholds = [...new Set([...Array.from({ length: 33 }, (_, i) => i * 4), 31, 41, 47, 55, 63, 71])].sort((a, b) => a - b);
  const curve = precisionRecallCurve(pairs, thresholds);
  const kinds = [...new Set(EDITS.map((e) => `${e.kind} ${e.rate * 100}%`))];
  const recallByEdit = Object.fromEntries(
    kinds.map((kind) => {
      const ps = pairs.filter((p) => p.kind === kind);
      return [kind, { atThreshold: Math.round((ps.filter((p) => p.distance <= TEXT_MINHASH_THRESHOLD).length / ps.length) * 1000) / 1000, maxDistance: Math.max(...ps.map((p) => p.distance)) }];
    }),
  );
  log('threshold  jaccard  recall(small)  recall(large)  FP(same-topic/same-vocab/other-lang)  precision');
  for (const p of curve.filter((c) => [16, 24, 31, 41, 47, 55, 63, 71, 79, 96].includes(c.threshold))) {
    log(`${String(p.threshold).padStart(9)}  ${p.jaccard.toFixed(3)}    ${p.recall.toFixed(3)}          ${p.recallLarge.toFixed(3)}          ${p.falsePositives.sameTopic}/${p.falsePositives.sameVocabulary}/${p.falsePositives.otherLanguage}                                  ${p.precision.toFixed(4)}`);
  }
  log('shingle length (m1 uses 5): recall(small) at 63, nearest unrelated same-topic / same-vocabulary');
  const shingleLengths = [3, 4, 5, 6].map((n) => {
    const ps = measurePairs({ seed: 2, repeats: 1, shingleLength: n });
    const small = ps.filter((p) => p.group === 'small');
    const nearest = nearestUnrelated(ps);
    const row = { shingleLength: n, recallAt63: Math.round((small.filter((p) => p.distance <= 63).length / small.length) * 1000) / 1000, nearestSameTopic: nearest['same-topic'], nearestSameVocabulary: nearest['same-vocabulary'] };
    log(`  n=${n}: ${row.recallAt63}, ${row.nearestSameTopic} / ${row.nearestSameVocabulary}`);
    return row;
  });
  const loadEnd = loadavg();
  log(`load average at start ${loadStart[0]!.toFixed(2)}, at end ${loadEnd[0]!.toFixed(2)} (2 shared cores: other work adds noise)`);

  const output = {
    date: new Date().toISOString(),
    node: process.version,
    rounds,
    loadAverage: { start: loadStart[0], end: loadEnd[0] },
    throughput,
    textMinhashIndex: indexResults,
    url: urlResults,
    precisionRecall: {
      threshold: TEXT_MINHASH_THRESHOLD,
      pairs: { total: pairs.length, byGroup: Object.fromEntries(['small', 'large', 'same-topic', 'same-vocabulary', 'other-language'].map((g) => [g, pairs.filter((p) => p.group === g).length])) },
      nearestUnrelated: nearestUnrelated(pairs),
      recallByEdit,
      curve,
      shingleLengths,
    },
  };
  const out = arg('out', join(repoRoot(import.meta.url), 'bench', 'results', 'text.json'));
  if (out !== '-') {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(output, null, 2) + '\n');
    log(`wrote ${out}`);
  }
  return output;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchText(process.argv.slice(2));
}
