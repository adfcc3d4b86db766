/**
 * Benchmark of the 256-bit (PDQ) indexes: multi-index hashing against the linear
 * scan on N seeded random hashes, range queries at d = 31.
 *
 *   node --max-old-space-size=16384 dist/bench/bench-index.js [--sizes=1e6,1e7]
 *     [--queries=2000] [--linear-queries=N] [--reps=3] [--threads=2] [--seed=1]
 *     [--word-count=M] [--out=bench/results/index.json]
 *
 * Query kinds: planted (a stored hash with 0–31 random bits flipped), random, and
 * mixed (alternating). Each kind runs `reps` times on one thread; we print medians
 * and the spread ((max − min) / median) across repetitions. The linear scan answers
 * the first `linear-queries` of each kind in the same run, for the speed-up and for
 * recall (identical result sets required). Two threads: each worker builds its own
 * index from the same seed and answers the whole mixed set, started together.
 * Besides wall-clock q/s we print q/s per CPU-second of this process: on a machine
 * shared with other jobs that is the rate a core of our own would give.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { HASH256_WORDS } from '../src/index/hash256.js';
import { flipRandomBits, randomHashes, XorShift128 } from '../src/index/hash256-random.js';
import { LinearScanIndex } from '../src/index/linear-scan-index.js';
import { planProbes } from '../src/index/mih-probe-plan.js';
import { MihIndex, type MihStats } from '../src/index/mih-index.js';
import { splitWords } from '../src/index/mih-word-split.js';
import type { IndexHit } from '../src/index/signal-index.js';

export interface BenchIndexOptions {
  readonly sizes?: readonly number[];
  /** Queries per kind per repetition (default 2000). */
  readonly queries?: number;
  /** Queries per kind for the linear scan (default 5e8 / N, within [50, queries]). */
  readonly linearQueries?: number;
  readonly reps?: number;
  readonly threads?: number;
  readonly seed?: number;
  readonly wordCount?: number;
  /** JSON output path; null to skip. */
  readonly out?: string | null;
  readonly log?: (line: string) => void;
}

const D = 31;
const KINDS = ['planted', 'random', 'mixed'] as const;
type Kind = (typeof KINDS)[number];

const PUBLISHED = {
  note: 'published figures from other systems, not measured here',
  faissBinaryMultiHashAsUsedByHma: { qpsAt10M: '13–22', bytesPerHash: 277 },
  leanCMultiIndex: { qpsAt10M: 450, qpsAt1M: 3600 },
  memoryBoundLinearScan10M: { msPerQuery: 15 },
};
const TARGETS = { at10M: { bytesPerHash: 100, buildSeconds: 10, mixedQpsPerCore: 400 }, at1M: { mixedQpsPerCore: 3000 } };

const gc: () => void = (() => {
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/** Full GC, then a moment for V8 to release freed ArrayBuffer memory (done off-thread). */
async function settle(): Promise<NodeJS.MemoryUsage> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 50));
  }
  return process.memoryUsage();
}

function dataset(n: number, seed: number): { words: Uint32Array; ids: Uint32Array } {
  const words = randomHashes(new XorShift128(seed), n);
  const ids = new Uint32Array(n);
  for (let i = 0; i < n; i++) ids[i] = i;
  return { words, ids };
}

function querySets(words: Uint32Array, n: number, count: number, seed: number): Record<Kind, Uint32Array> {
  const rng = new XorShift128(seed ^ 0x5eed);
  const planted = new Uint32Array(count * HASH256_WORDS);
  for (let q = 0; q < count; q++) {
    const src = rng.below(n);
    planted.set(words.subarray(src * HASH256_WORDS, (src + 1) * HASH256_WORDS), q * HASH256_WORDS);
    flipRandomBits(rng, planted, q * HASH256_WORDS, rng.below(D + 1));
  }
  const random = randomHashes(rng, count);
  const mixed = new Uint32Array(count * HASH256_WORDS);
  for (let q = 0; q < count; q++) {
    const from = q % 2 === 0 ? planted : random;
    const at = (q >> 1) * HASH256_WORDS;
    mixed.set(from.subarray(at, at + HASH256_WORDS), q * HASH256_WORDS);
  }
  return { planted, random, mixed };
}

/** qps: queries per wall-clock second; qpsCpu: per CPU-second of this process (the rate on a core of our own). */
interface Run { p50Us: number; p99Us: number; qps: number; qpsCpu: number; hits: number }

const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

function runQueries(search: (q: Uint32Array, off: number) => IndexHit[], queries: Uint32Array, count: number): Run {
  const lat = new Float64Array(count);
  let hits = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let q = 0; q < count; q++) {
    const t = performance.now();
    hits += search(queries, q * HASH256_WORDS).length;
    lat[q] = performance.now() - t;
  }
  const elapsed = performance.now() - start;
  const qpsCpu = count / cpuSeconds(cpu);
  lat.sort();
  return { p50Us: lat[Math.floor(count * 0.5)] * 1000, p99Us: lat[Math.min(count - 1, Math.floor(count * 0.99))] * 1000, qps: (count / elapsed) * 1000, qpsCpu, hits };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs: number[]): number => (Math.max(...xs) - Math.min(...xs)) / median(xs);

function summarise(runs: Run[]) {
  const pick = (k: keyof Run) => runs.map((r) => r[k]);
  return {
    p50Us: median(pick('p50Us')), p99Us: median(pick('p99Us')), qps: median(pick('qps')), qpsCpu: median(pick('qpsCpu')),
    qpsSpread: spread(pick('qps')), p50Spread: spread(pick('p50Us')), runs,
  };
}

/** Worker side of the two-thread run: build from the seed, then answer `mixed` on each 'go'. */
async function runWorker(): Promise<void> {
  const { n, seed, queries, wordCount } = workerData as { n: number; seed: number; queries: number; wordCount?: number };
  const { words, ids } = dataset(n, seed);
  const index = MihIndex.build(words, ids, n, { wordCount });
  const { mixed } = querySets(words, n, queries, seed);
  parentPort!.on('message', (msg: string) => {
    if (msg === 'go') parentPort!.postMessage(runQueries((q, off) => index.search(q, off, D), mixed, queries));
    else process.exit(0);
  });
  parentPort!.postMessage('ready');
}

async function twoThreads(n: number, opts: Required<Pick<BenchIndexOptions, 'seed' | 'queries' | 'reps' | 'threads'>> & { wordCount?: number }) {
  const workers = Array.from({ length: opts.threads }, () => new Worker(new URL(import.meta.url), { workerData: { role: 'bench-index-worker', n, seed: opts.seed, queries: opts.queries, wordCount: opts.wordCount } }));
  const next = (w: Worker) => new Promise<unknown>((res, rej) => { w.once('message', res); w.once('error', rej); });
  await Promise.all(workers.map(next));
  const reps: { qpsTotal: number; qpsPerCore: number; qpsPerCpuSecond: number; p50Us: number; p99Us: number }[] = [];
  for (let r = 0; r < opts.reps; r++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const runs = (await Promise.all(workers.map((w) => { const done = next(w); w.postMessage('go'); return done; }))) as Run[];
    const wall = (performance.now() - start) / 1000;
    const qpsTotal = (opts.threads * opts.queries) / wall;
    const qpsPerCpuSecond = (opts.threads * opts.queries) / cpuSeconds(cpu);
    reps.push({ qpsTotal, qpsPerCore: qpsTotal / opts.threads, qpsPerCpuSecond, p50Us: median(runs.map((x) => x.p50Us)), p99Us: Math.max(...runs.map((x) => x.p99Us)) });
  }
  // Wait for the workers to go, so their memory is not counted in the next size's baseline.
  await Promise.all(workers.map((w) => new Promise((res) => { w.once('exit', res); w.postMessage('exit'); })));
  const qps = reps.map((x) => x.qpsTotal);
  return { threads: opts.threads, qpsTotal: median(qps), qpsPerCore: median(qps) / opts.threads, qpsPerCpuSecond: median(reps.map((x) => x.qpsPerCpuSecond)), qpsSpread: spread(qps), p50Us: median(reps.map((x) => x.p50Us)), p99Us: median(reps.map((x) => x.p99Us)), reps };
}

const sameHits = (a: IndexHit[], b: IndexHit[]) => a.length === b.length && a.every((h, i) => h.id === b[i].id && h.distance === b[i].distance);

async function benchSize(n: number, o: Required<Omit<BenchIndexOptions, 'wordCount' | 'out' | 'log' | 'sizes' | 'linearQueries'>> & { wordCount?: number; linearQueries?: number }, log: (s: string) => void) {
  const { words, ids } = dataset(n, o.seed);
  const sets = querySets(words, n, o.queries, o.seed);
  const memBefore = await settle();
  const buildMs: number[] = [];
  let index: MihIndex | null = null;
  let rssDelta = 0;
  let externalDelta = 0;
  for (let r = 0; r < o.reps; r++) {
    index = null;
    gc();
    const t = performance.now();
    index = MihIndex.build(words, ids, n, { wordCount: o.wordCount });
    buildMs.push(performance.now() - t);
    if (r === 0) {
      const after = await settle();
      rssDelta = after.rss - memBefore.rss;
      externalDelta = after.external - memBefore.external;
    }
  }
  const mih = index!;
  const stats: MihStats = mih.stats();
  const split = splitWords(stats.wordWidths.length);
  const radii = [...planProbes(split, n, D).radii];
  const b = stats.bytes;
  const memory = {
    computedBytesPerHash: mih.memoryBytes() / n,
    breakdownBytesPerHash: { hashes: b.hashes / n, idsAndTombstones: b.ids / n, postings: b.postings / n, offsets: b.offsets / n },
    rssDeltaBytesPerHash: rssDelta / n,
    externalDeltaBytesPerHash: externalDelta / n,
  };
  log(`\nN = ${n.toLocaleString('en')}: MIH ${split.count} words of ${[...new Set(split.widths)].join('/')} bits; radii at d=${D}: ${radii.join(',')}`);
  log(`  build      ${(median(buildMs) / 1000).toFixed(2)} s median of ${o.reps} (spread ${(spread(buildMs) * 100).toFixed(0)}%)${n === 1e7 ? `   target ≤ ${TARGETS.at10M.buildSeconds} s` : ''}`);
  const bd = memory.breakdownBytesPerHash;
  log(`  memory     ${memory.computedBytesPerHash.toFixed(1)} B/hash computed (hashes ${bd.hashes.toFixed(1)}, ids ${bd.idsAndTombstones.toFixed(1)}, postings ${bd.postings.toFixed(1)}, offsets ${bd.offsets.toFixed(1)}); process deltas: RSS ${memory.rssDeltaBytesPerHash.toFixed(1)}, V8 external ${memory.externalDeltaBytesPerHash.toFixed(1)} B/hash${n === 1e7 ? `   target ≤ ${TARGETS.at10M.bytesPerHash}` : ''}`);

  const single: Record<string, ReturnType<typeof summarise> & { candidatesPerQuery: number }> = {};
  for (const kind of KINDS) {
    const runs: Run[] = [];
    const before = mih.stats();
    for (let r = 0; r < o.reps; r++) runs.push(runQueries((q, off) => mih.search(q, off, D), sets[kind], o.queries));
    const after = mih.stats();
    single[kind] = { ...summarise(runs), candidatesPerQuery: (after.candidates - before.candidates) / (after.probedQueries - before.probedQueries) };
  }

  const linearQ = o.linearQueries ?? Math.max(50, Math.min(o.queries, Math.round(5e8 / n)));
  const linear = LinearScanIndex.build(words, ids, n);
  const linearRes: Record<string, { meanMs: number; queries: number; speedup: number; recall: number; identicalQueries: number }> = {};
  for (const kind of KINDS) {
    let linHits = 0;
    let found = 0;
    let identical = 0;
    let linMs = 0;
    for (let q = 0; q < linearQ; q++) {
      const t = performance.now();
      const expect = linear.search(sets[kind], q * HASH256_WORDS, D);
      linMs += performance.now() - t;
      const got = mih.search(sets[kind], q * HASH256_WORDS, D);
      const key = (h: IndexHit) => `${h.id}:${h.distance}`;
      const gotKeys = new Set(got.map(key));
      linHits += expect.length;
      found += expect.filter((h) => gotKeys.has(key(h))).length;
      if (sameHits(got, expect)) identical++;
    }
    // Speed-up: linear mean latency over MIH mean latency (1 / q/s) on the same query set.
    const meanMs = linMs / linearQ;
    linearRes[kind] = { meanMs, queries: linearQ, speedup: meanMs / (1000 / single[kind].qps), recall: linHits === 0 ? 1 : found / linHits, identicalQueries: identical };
  }

  log(`  d=${D}, one thread (median of ${o.reps} × ${o.queries} queries; spread of q/s)     linear scan on the first ${linearQ} of each kind`);
  log(`    kind       p50 µs   p99 µs      q/s  spread  q/cpu-s  cand/q   | linear ms/q  speed-up  recall  identical`);
  for (const kind of KINDS) {
    const s = single[kind];
    const l = linearRes[kind];
    const target = kind === 'mixed' ? (n === 1e7 ? `  target ≥ ${TARGETS.at10M.mixedQpsPerCore} q/s` : n === 1e6 ? `  target ≥ ${TARGETS.at1M.mixedQpsPerCore} q/s` : '') : '';
    log(`    ${kind.padEnd(8)} ${s.p50Us.toFixed(0).padStart(8)} ${s.p99Us.toFixed(0).padStart(8)} ${s.qps.toFixed(0).padStart(8)} ${(s.qpsSpread * 100).toFixed(0).padStart(6)}% ${s.qpsCpu.toFixed(0).padStart(8)} ${s.candidatesPerQuery.toFixed(0).padStart(7)}   | ${l.meanMs.toFixed(2).padStart(11)} ${l.speedup.toFixed(1).padStart(8)}× ${(l.recall * 100).toFixed(1).padStart(6)}% ${String(l.identicalQueries).padStart(5)}/${l.queries}${target}`);
  }
  const threadsRes = o.threads > 1 ? await twoThreads(n, { ...o }) : null;
  if (threadsRes) {
    log(`  d=${D}, ${threadsRes.threads} threads, mixed (each worker builds its own index and answers all ${o.queries}): ${threadsRes.qpsTotal.toFixed(0)} q/s total, ${threadsRes.qpsPerCore.toFixed(0)} per core (spread ${(threadsRes.qpsSpread * 100).toFixed(0)}%), ${threadsRes.qpsPerCpuSecond.toFixed(0)} per CPU-second, p50 ${threadsRes.p50Us.toFixed(0)} µs, p99 ${threadsRes.p99Us.toFixed(0)} µs`);
  }
  return { n, wordWidths: split.widths, radii, build: { medianMs: median(buildMs), spread: spread(buildMs), runsMs: buildMs }, memory, single, linear: linearRes, threads: threadsRes };
}

export async function benchIndex(options: BenchIndexOptions = {}): Promise<object> {
  const log = options.log ?? ((s: string) => console.log(s));
  const o = { sizes: options.sizes ?? [1e6, 1e7], queries: options.queries ?? 2000, reps: options.reps ?? 3, threads: options.threads ?? 2, seed: options.seed ?? 1 };
  const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, loadAverageStart: os.loadavg() };
  log(`Concord index benchmark: ${machine.cpus} × ${machine.model}, Node ${machine.node}; load average at start ${machine.loadAverageStart.map((x) => x.toFixed(2)).join(' ')}`);
  log('q/s is wall clock; q/cpu-s counts only CPU time this process got (they differ when other jobs share the cores).');
  log('RSS deltas after the first size can read low: the allocator reuses memory freed by the previous size.');
  log(`Published figures (other systems, not measured here): FAISS binary multi-hash as used by HMA ~13–22 q/s at 10M and ~277 B/hash; a lean C multi-index ~450 q/s at 10M, ~3,600 q/s at 1M; memory-bound linear scan of 10M ≈ 15 ms/query.`);
  const results = [];
  for (const n of o.sizes) results.push(await benchSize(n, { ...o, wordCount: options.wordCount, linearQueries: options.linearQueries }, log));
  const report = { date: new Date().toISOString(), machine: { ...machine, loadAverageEnd: os.loadavg() }, options: { ...o, wordCount: options.wordCount ?? 'default' }, d: D, targets: TARGETS, published: PUBLISHED, results };
  log(`\nload average at end ${report.machine.loadAverageEnd.map((x) => x.toFixed(2)).join(' ')}`);
  const out = options.out === undefined ? resolve(dirname(fileURLToPath(import.meta.url)), '../../bench/results/index.json') : options.out;
  if (out) {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(report, null, 2));
    log(`wrote ${out}`);
  }
  return report;
}

function parseArgs(argv: string[]): BenchIndexOptions {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument ${argv[i]}`);
    args.set(m[1], m[2] ?? argv[++i]);
  }
  const num = (k: string) => (args.has(k) ? Number(args.get(k)) : undefined);
  return {
    sizes: args.get('sizes')?.split(',').map(Number),
    queries: num('queries'), linearQueries: num('linear-queries'), reps: num('reps'), threads: num('threads'), seed: num('seed'), wordCount: num('word-count'),
    out: args.get('out'),
  };
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === 'bench-index-worker') {
  await runWorker();
} else if (isMainThread && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchIndex(parseArgs(process.argv.slice(2)));
}
