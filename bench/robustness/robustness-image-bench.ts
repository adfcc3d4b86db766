/**
 * The image half of `bench robustness`: packaged photographs as known originals, their
 * evasion variants, and distractor images; recall per transform, false matches over
 * every impostor pair, the distance curves the `pdq_multi` threshold is chosen from,
 * and the cost of the new path against plain PDQ, all in one run.
 *
 *   node dist/bench/robustness/robustness-image-bench.js [--quick] [--out FILE | --out -]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readEnv } from '../../src/config/env.js';
import { Hash256SignalIndex } from '../../src/index/hash256-signal-index.js';
import { randomHashHex, XorShift128 } from '../../src/index/hash256-random.js';
import type { SignalIndex } from '../../src/index/signal-index.js';
import { DEFAULT_IMAGE_LIMITS } from '../../src/media/image-decoder.js';
import { defaultMediaPorts } from '../../src/media/media-ports.js';
import { ContentSource, type MediaPorts } from '../../src/signals/content-source.js';
import { PdqMultiIndex } from '../../src/signals/pdq-multi/pdq-multi-index.js';
import { parseMultiValue, formatMultiValue } from '../../src/signals/pdq-multi/pdq-multi-value.js';
import { defaultRegistry } from '../../src/signals/default-registry.js';
import type { SignalRegistry } from '../../src/signals/signal-registry.js';
import { isSkipped, type HashedSignal } from '../../src/signals/signal-type.js';
import { repoRoot } from '../../src/testing/repo-root.js';
import { IMAGE_TRANSFORMS, imageDistractors, imageOriginals } from './robustness-images.js';
import { ORIGINAL, type MediaItem } from './robustness-item.js';
import { PHOTO_PACKAGES } from './robustness-photos.js';

/** Distances up to this are recorded for the curves (well past every threshold considered). */
const CURVE_RADIUS = 48;
const SCALE_ENTRIES = 100_000;

type LensName = 'pdq' | 'pdq + dihedral' | 'pdq_multi';
const LENSES: readonly { name: LensName; type: 'pdq' | 'pdq_multi'; alternates: boolean }[] = [
  { name: 'pdq', type: 'pdq', alternates: false },
  { name: 'pdq + dihedral', type: 'pdq', alternates: true },
  { name: 'pdq_multi', type: 'pdq_multi', alternates: true },
];

interface Hashed {
  readonly item: MediaItem;
  /** Group: the original a variant comes from, or a distractor's source; pairs within a group are not impostors. */
  readonly group: string;
  readonly role: 'original' | 'variant' | 'distractor';
  readonly pdq?: HashedSignal;
  readonly pdqDihedral?: HashedSignal;
  readonly multi?: HashedSignal;
  readonly ms: { decode: number; pdq: number; multi: number };
  /** The same parts in CPU time of this process, which other work on a busy machine does not inflate. */
  readonly cpuMs: { decode: number; pdq: number; multi: number };
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[(s.length - 1) >> 1]! : NaN;
};
const r2 = (x: number) => Math.round(x * 100) / 100;
/** CPU time of this process (every thread: the decoder's too), in ms. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

export interface ImageBenchOptions {
  readonly quick?: boolean;
  readonly registry?: SignalRegistry;
  readonly ports?: MediaPorts;
  readonly log?: (line: string) => void;
}

/** Runs the image bench and returns its JSON (see the module comment). */
export async function imageBench(options: ImageBenchOptions = {}): Promise<Record<string, unknown>> {
  const log = options.log ?? ((line: string) => console.log(line));
  const registry = options.registry ?? defaultRegistry();
  const ports = options.ports ?? defaultMediaPorts(readEnv(), { maxPixels: DEFAULT_IMAGE_LIMITS.maxPixels });
  const pdqType = registry.get('pdq');
  const multiType = registry.get('pdq_multi');
  const loadStart = loadavg()[0]!;
  const t0 = performance.now();
  const originals = await imageOriginals(options.quick ? 4 : Infinity);
  const variants: MediaItem[] = [];
  for (const o of originals) for (const t of IMAGE_TRANSFORMS) variants.push({ kind: 'image', original: o.original, transform: t.name, bytes: await t.apply(o.bytes) });
  const distractors = await imageDistractors(options.quick ? 40 : 900);
  const generateSeconds = (performance.now() - t0) / 1000;
  log(`image corpus: ${originals.length} packaged photographs (${PHOTO_PACKAGES.join(', ')}), ${variants.length} variants, ${distractors.length} distractors; generated in ${generateSeconds.toFixed(1)} s`);

  const items: { item: MediaItem; role: Hashed['role'] }[] = [
    ...originals.map((item) => ({ item, role: 'original' as const })),
    ...variants.map((item) => ({ item, role: 'variant' as const })),
    ...distractors.map((item) => ({ item, role: 'distractor' as const })),
  ];
  const hashed: Hashed[] = [];
  const problems: string[] = [];
  // One at a time, so the per-image times are not shared with another hashing.
  for (const { item, role } of items) {
    const content = new ContentSource(item.bytes, ports);
    const a = performance.now();
    const ca = cpuMs();
    try {
      await content.image();
    } catch (err) {
      problems.push(`${item.original} [${item.transform}]: ${(err as Error).message}`);
      continue;
    }
    const b = performance.now();
    const cb = cpuMs();
    const pdq = await pdqType.hash!(content, {});
    const c = performance.now();
    const cc = cpuMs();
    const multi = await multiType.hash!(content, {});
    const d = performance.now();
    const cd = cpuMs();
    const pdqDihedral = await pdqType.hash!(content, { dihedral: true });
    hashed.push({
      item,
      group: item.original,
      role,
      ...(isSkipped(pdq) ? {} : { pdq }),
      ...(isSkipped(pdqDihedral) ? {} : { pdqDihedral }),
      ...(isSkipped(multi) ? {} : { multi }),
      ms: { decode: b - a, pdq: c - b, multi: d - c },
      cpuMs: { decode: cb - ca, pdq: cc - cb, multi: cd - cc },
    });
  }
  log(`hashed ${hashed.length} images in ${((performance.now() - t0) / 1000 - generateSeconds).toFixed(1)} s`);

  const known = hashed.filter((h) => h.role !== 'variant');
  const signalOf = (h: Hashed, lens: (typeof LENSES)[number]) => (lens.type === 'pdq_multi' ? h.multi : lens.alternates ? h.pdqDihedral : h.pdq);
  const lensResults: Record<string, unknown>[] = [];
  const recallRows: Record<string, Record<string, unknown>> = {};
  const curves: Record<string, { impostorsAtOrBelow: number[]; recallAtOrBelow: Record<string, number[]> }> = {};
  for (const lens of LENSES) {
    const type = lens.type === 'pdq' ? pdqType : multiType;
    const index: SignalIndex = lens.type === 'pdq' ? new Hash256SignalIndex({ structure: 'linear' }) : new PdqMultiIndex({ structure: 'linear' });
    let matchableKnown = 0;
    const matchableOriginal = new Set(known.filter((h) => h.role === 'original' && signalOf(h, lens)?.matchable).map((h) => h.group));
    known.forEach((h, id) => {
      const s = signalOf(h, lens);
      if (s?.matchable) {
        index.add(id, s.value);
        matchableKnown++;
      }
    });
    const impostorHistogram = new Array<number>(CURVE_RADIUS + 1).fill(0);
    const genuine = new Map<string, { distance: number; variant?: string }[]>();
    let impostorPairs = 0;
    let impostorPairsCompared = 0;
    const examples: string[] = [];
    for (const q of hashed) {
      const s = signalOf(q, lens);
      const others = known.filter((k) => k.group !== q.group).length;
      impostorPairs += others;
      if (!s?.matchable) {
        if (q.role === 'variant') listOf(genuine, q.item.transform).push({ distance: Infinity, variant: 'unmatchable' });
        continue;
      }
      const best = new Map<number, { distance: number; variant?: string }>();
      for (const lookup of [{ name: undefined as string | undefined, value: s.value }, ...(lens.alternates ? (s.alternates ?? []) : [])]) {
        for (const hit of index.search(lookup.value, CURVE_RADIUS)) {
          const seen = best.get(hit.id);
          const variant = [lookup.name, hit.variant].filter(Boolean).join('+') || undefined;
          if (!seen || hit.distance < seen.distance) best.set(hit.id, { distance: hit.distance, ...(variant ? { variant } : {}) });
        }
      }
      impostorPairsCompared += known.filter((k) => k.group !== q.group && signalOf(k, lens)?.matchable).length;
      let own: { distance: number; variant?: string } | undefined;
      for (const [id, hit] of best) {
        const k = known[id]!;
        if (k.group === q.group) {
          if (k.role === 'original') own = hit;
          continue;
        }
        impostorHistogram[hit.distance]!++;
        if (hit.distance <= type.threshold && examples.length < 20) examples.push(`${q.item.original} [${q.item.transform}] ~ ${k.item.original} [${k.item.transform}]: ${hit.distance}${hit.variant ? ` (${hit.variant})` : ''}`);
      }
      if (q.role === 'variant') listOf(genuine, q.item.transform).push(own ?? { distance: Infinity, ...(matchableOriginal.has(q.group) ? {} : { variant: 'original unmatchable' }) });
    }
    const cumulative = (hist: number[]) => hist.map((_, d) => hist.slice(0, d + 1).reduce((x, y) => x + y, 0));
    const recallAt: Record<string, number[]> = {};
    const rows: Record<string, unknown> = {};
    for (const [transform, list] of genuine) {
      recallAt[transform] = Array.from({ length: CURVE_RADIUS + 1 }, (_, d) => list.filter((g) => g.distance <= d).length);
      const matched = list.filter((g) => g.distance <= type.threshold);
      const variantsSeen: Record<string, number> = {};
      for (const g of matched) variantsSeen[g.variant ?? 'plain'] = (variantsSeen[g.variant ?? 'plain'] ?? 0) + 1;
      rows[transform] = {
        variants: list.length,
        matched: matched.length,
        recall: r2(matched.length / list.length),
        unmatchable: list.filter((g) => g.variant === 'unmatchable').length,
        originalUnmatchable: list.filter((g) => g.variant === 'original unmatchable').length,
        // As the rest of bench robustness counts: pairs where both sides are matchable.
        recallOfMatchable: r2(matched.length / Math.max(1, list.filter((g) => g.variant !== 'unmatchable' && g.variant !== 'original unmatchable').length)),
        medianDistance: median(list.map((g) => g.distance)),
        ...(lens.type === 'pdq_multi' ? { matchedVia: variantsSeen } : {}),
      };
    }
    recallRows[lens.name] = rows;
    const impostorsAtOrBelow = cumulative(impostorHistogram);
    curves[lens.name] = { impostorsAtOrBelow, recallAtOrBelow: recallAt };
    const falseMatches = impostorsAtOrBelow[type.threshold]!;
    const nearest = impostorHistogram.findIndex((n) => n > 0);
    lensResults.push({ lens: lens.name, threshold: type.threshold, matchableKnown, impostorPairs, impostorPairsCompared, falseMatches, nearestImpostor: nearest < 0 ? `> ${CURVE_RADIUS}` : nearest, examples });
  }

  const cost = await measureCost(hashed, pdqType.threshold, multiType.threshold, registry);
  const output = {
    date: new Date().toISOString(),
    // The cost figures move with whatever else the machine runs: the 1-minute load at the start and the end.
    loadAverage: { start: loadStart, end: loadavg()[0]!, cores: cpus().length },
    corpus: {
      packages: PHOTO_PACKAGES,
      originals: originals.map((o) => o.original),
      variantsPerOriginal: IMAGE_TRANSFORMS.length,
      distractors: distractors.length,
      distractorSources: new Set(distractors.map((d) => d.original)).size,
      hashed: hashed.length,
    },
    transforms: IMAGE_TRANSFORMS.map(({ name, description }) => ({ name, description })),
    method:
      'Known set: every original and every distractor, indexed. Queries: every original, variant and distractor. A pair is an impostor pair when the query and the known item ' +
      'come from different originals or distractor sources; recall counts a variant found when its own original is within the threshold. pdq_multi always looks up its dihedral alternates; ' +
      '"pdq + dihedral" looks up PDQ\'s. Curves: for each distance d, impostor pairs at or below d, and variants found at or below d.',
    thresholds: { pdq: pdqType.threshold, pdq_multi: multiType.threshold },
    falseMatches: lensResults,
    recall: recallRows,
    curves,
    cost,
    problems,
  };
  printTables(output, log);
  return output;
}

function listOf<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

/** Index bytes per known image, query time per image and hashing rate, plain PDQ against PDQ + pdq_multi. */
async function measureCost(hashed: readonly Hashed[], pdqThreshold: number, multiThreshold: number, registry: SignalRegistry): Promise<Record<string, unknown>> {
  // Production indexes (multi-index hashing) at a node's scale: the corpus's values with fresh random hashes, slot for slot.
  const rng = new XorShift128(12345);
  const corpus = hashed.filter((h) => h.pdq && h.multi);
  const pdqIndex = registry.get('pdq').createIndex();
  const multiIndex = registry.get('pdq_multi').createIndex();
  const pdqEntries: [number, string][] = [];
  const multiEntries: [number, string][] = [];
  for (let id = 0; id < SCALE_ENTRIES; id++) {
    const model = corpus[id % corpus.length]!;
    pdqEntries.push([id, randomHashHex(rng)]);
    const slots = parseMultiValue(model.multi!.value);
    if (!slots.ok) throw new Error(slots.message);
    multiEntries.push([id, formatMultiValue([...slots.value.slots.keys()].map((slot) => ({ slot, hash: randomHashHex(rng) })))]);
  }
  // The corpus's own known values too, so the timed searches find their real neighbours.
  const known = hashed.filter((h) => h.role !== 'variant');
  known.forEach((h, i) => {
    if (h.pdq) pdqEntries.push([SCALE_ENTRIES + i, h.pdq.value]);
    if (h.multi) multiEntries.push([SCALE_ENTRIES + i, h.multi.value]);
  });
  pdqIndex.addMany!(pdqEntries);
  multiIndex.addMany!(multiEntries);
  const perItem = (bytes: number, size: number) => Math.round(bytes / size);
  const pdqBytes = perItem(pdqIndex.memoryBytes(), pdqIndex.size);
  const multiBytes = perItem(multiIndex.memoryBytes(), multiIndex.size);
  const valueChars = { pdq: 64, pdq_multi: median(corpus.map((h) => h.multi!.value.length)) };

  const queries = hashed.filter((h) => h.role === 'variant' && h.pdq && h.multi);
  const plainMs: number[] = [];
  const newMs: number[] = [];
  const searchPdq: number[] = [];
  const searchMulti: number[] = [];
  const plainCpu: number[] = [];
  const newCpu: number[] = [];
  for (const q of queries) {
    let t = performance.now();
    let u = cpuMs();
    pdqIndex.search(q.pdq!.value, pdqThreshold);
    const sp = performance.now() - t;
    const cp = cpuMs() - u;
    t = performance.now();
    u = cpuMs();
    multiIndex.search(q.multi!.value, multiThreshold);
    for (const alt of q.multi!.alternates ?? []) multiIndex.search(alt.value, multiThreshold);
    const sm = performance.now() - t;
    const cm = cpuMs() - u;
    searchPdq.push(sp);
    searchMulti.push(sm);
    plainMs.push(q.ms.decode + q.ms.pdq + sp);
    newMs.push(q.ms.decode + q.ms.pdq + sp + q.ms.multi + sm);
    plainCpu.push(q.cpuMs.decode + q.cpuMs.pdq + cp);
    newCpu.push(q.cpuMs.decode + q.cpuMs.pdq + cp + q.cpuMs.multi + cm);
  }
  const all = hashed;
  const plainTotal = all.reduce((s, h) => s + h.ms.decode + h.ms.pdq, 0);
  const newTotal = all.reduce((s, h) => s + h.ms.decode + h.ms.pdq + h.ms.multi, 0);
  return {
    indexEntries: pdqIndex.size,
    indexBytesPerKnownImage: { pdq: pdqBytes, pdq_multi: multiBytes, ratio: r2(multiBytes / pdqBytes), newPathTotal: pdqBytes + multiBytes, newPathRatio: r2((pdqBytes + multiBytes) / pdqBytes) },
    valueChars: { ...valueChars, ratio: r2(valueChars.pdq_multi / 64) },
    queryMsPerImage: {
      queries: queries.length,
      plainPdq: r2(median(plainMs)),
      pdqPlusMulti: r2(median(newMs)),
      ratio: r2(median(newMs) / median(plainMs)),
      parts: { decode: r2(median(queries.map((q) => q.ms.decode))), pdqHash: r2(median(queries.map((q) => q.ms.pdq))), multiHash: r2(median(queries.map((q) => q.ms.multi))), pdqSearch: r2(median(searchPdq) * 1000) / 1000, multiSearchWithAlternates: r2(median(searchMulti) * 1000) / 1000 },
    },
    // CPU time: the same parts, unaffected by other processes on the machine (wall time above is, and the searches most).
    queryCpuMsPerImage: { plainPdq: r2(median(plainCpu)), pdqPlusMulti: r2(median(newCpu)), ratio: r2(median(newCpu) / median(plainCpu)) },
    hashingRate: { images: all.length, plainPdqPerSecond: r2((all.length * 1000) / plainTotal), pdqPlusMultiPerSecond: r2((all.length * 1000) / newTotal), ratio: r2(newTotal / plainTotal) },
  };
}

function printTables(output: Record<string, any>, log: (line: string) => void): void {
  const recall = output.recall as Record<string, Record<string, { matched: number; variants: number; medianDistance: number; recallOfMatchable: number; matchedVia?: Record<string, number> }>>;
  const lenses = Object.keys(recall);
  const transforms = Object.keys(recall[lenses[0]!]!);
  const rows = [['transform', ...lenses.map((l) => `${l} ≤${l === 'pdq_multi' ? output.thresholds.pdq_multi : output.thresholds.pdq}`)]];
  for (const t of transforms) rows.push([t, ...lenses.map((l) => { const r = recall[l]![t]!; return `${r.matched}/${r.variants} ${Math.round((100 * r.matched) / r.variants)}% (${Math.round(100 * r.recallOfMatchable)}%) d̃${r.medianDistance}`; })]);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)) + 3);
  log('');
  log('image recall per transform (matched/variants, (recall where both sides are matchable), d̃ = median distance to own original):');
  for (const r of rows) log(r.map((c, i) => c.padEnd(widths[i]!)).join('').trimEnd());
  log('');
  log('pdq_multi matched via:');
  for (const t of transforms) log(`  ${t}: ${JSON.stringify(recall.pdq_multi![t]!.matchedVia)}`);
  log('');
  log('false matches over impostor pairs:');
  for (const f of output.falseMatches) {
    log(`  ${f.lens} ≤${f.threshold}: ${f.falseMatches} false matches over ${f.impostorPairs} impostor pairs (${f.impostorPairsCompared} with both sides matchable); nearest impostor ${f.nearestImpostor}`);
    for (const e of f.examples.slice(0, 5)) log(`      e.g. ${e}`);
  }
  log('');
  log('curve (pdq_multi): d → impostor pairs at or below d | variants found at or below d (all transforms)');
  const c = output.curves.pdq_multi;
  const total = (d: number) => Object.values(c.recallAtOrBelow as Record<string, number[]>).reduce((s, xs) => s + xs[d]!, 0);
  for (let d = 16; d <= 40; d += 2) log(`  ${d}: ${c.impostorsAtOrBelow[d]} | ${total(d)}`);
  const cost = output.cost;
  log('');
  log(`index bytes per known image (${cost.indexEntries} entries): pdq ${cost.indexBytesPerKnownImage.pdq}, pdq_multi ${cost.indexBytesPerKnownImage.pdq_multi} (×${cost.indexBytesPerKnownImage.ratio}); value ${cost.valueChars.pdq_multi} chars vs 64`);
  log(`query ms per image (median of ${cost.queryMsPerImage.queries}): plain pdq ${cost.queryMsPerImage.plainPdq}, pdq + pdq_multi ${cost.queryMsPerImage.pdqPlusMulti} (×${cost.queryMsPerImage.ratio}); parts ${JSON.stringify(cost.queryMsPerImage.parts)}`);
  log(`query CPU ms per image (median): plain pdq ${cost.queryCpuMsPerImage.plainPdq}, pdq + pdq_multi ${cost.queryCpuMsPerImage.pdqPlusMulti} (×${cost.queryCpuMsPerImage.ratio})`);
  log(`hashing rate: plain pdq ${cost.hashingRate.plainPdqPerSecond}/s, pdq + pdq_multi ${cost.hashingRate.pdqPlusMultiPerSecond}/s (time ×${cost.hashingRate.ratio})`);
  log(`load average ${output.loadAverage.start.toFixed(2)} → ${output.loadAverage.end.toFixed(2)} on ${output.loadAverage.cores} cores`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const i = argv.indexOf('--out');
  const quick = argv.includes('--quick');
  imageBench({ quick })
    .then((output) => {
      const out = i >= 0 ? argv[i + 1]! : quick ? '-' : join(repoRoot(import.meta.url), 'bench', 'results', 'robustness-image.json');
      if (out !== '-') {
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, JSON.stringify(output, null, 2) + '\n');
        console.log(`wrote ${out}`);
      }
    })
    .catch((err) => {
      console.error(err instanceof Error ? err.stack ?? err.message : err);
      process.exitCode = 1;
    });
}
