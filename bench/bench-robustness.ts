/**
 * Robustness of the media signals: recall of each transformation at each type's
 * registered threshold, and false matches between unrelated originals. Images are
 * packaged photographs (Debian wallpaper packages; robustness-image-bench.ts, which also
 * writes its own JSON when run alone); video and sound are generated at start-up (ffmpeg
 * lavfi video and music-like sound; slideshows of packaged photographs as unrelated
 * videos). Nothing is downloaded. Prints tables and writes bench/results/robustness.json.
 *
 *   node dist/bench/bench-robustness.js [--quick] [--keep] [--only=video,audio] [--out FILE | --out -]
 *
 * `--only` takes a comma-separated list of kinds and writes no JSON unless `--out` says where;
 * `--only image` (or `--only=image`) alone runs the image half by itself, a few minutes instead
 * of the whole bench, and writes bench/results/robustness-image.json; `--values FILE` also writes
 * every image's `pdq_multi` value and alternates, to study a matching rule without hashing again;
 * `--distractors N` sets how many distractor images (900 by default).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readEnv } from '../src/config/env.js';
import { locateFfmpeg } from '../src/media/ffmpeg/ffmpeg-locate.js';
import { DEFAULT_IMAGE_LIMITS } from '../src/media/image-decoder.js';
import { defaultMediaPorts } from '../src/media/media-ports.js';
import { sniff } from '../src/media/sniff.js';
import type { MediaPorts } from '../src/signals/content-source.js';
import { defaultRegistry } from '../src/signals/default-registry.js';
import type { SignalRegistry } from '../src/signals/signal-registry.js';
import { repoRoot } from '../src/testing/repo-root.js';
import { audioOriginals, audioTransforms, audioVariants, packagedAudioOriginals, packagedMusicFiles, packagedMusicPackages } from './robustness/robustness-audio.js';
import { fingerprintCost } from './robustness/robustness-av-cost.js';
import { avTables, scoreAv } from './robustness/robustness-av-score.js';
import { hashItems, type HashedItem } from './robustness/robustness-hash.js';
import { imageBench } from './robustness/robustness-image-bench.js';
import { IMAGE_TRANSFORMS } from './robustness/robustness-images.js';
import { ORIGINAL, type MediaItem, type MediaKind } from './robustness/robustness-item.js';
import { packagedImages } from './robustness/robustness-photos.js';
import { falseMatchTable, recallTable, tallyJson } from './robustness/robustness-report.js';
import { score } from './robustness/robustness-score.js';
import { videoDistractors } from './robustness/robustness-video-distractors.js';
import { frameCurveLines, vpdqMultiFrameCurve } from './robustness/robustness-video-frames.js';
import { VIDEO, VIDEO_TRANSFORMS, videoOriginalPath, videoOriginals, videoVariants } from './robustness/robustness-videos.js';

/** What the bench hashes with; defaults to the node's own registry and decoders. */
export interface RobustnessDeps {
  readonly registry?: SignalRegistry;
  readonly ports?: MediaPorts;
}

const COUNTS = { full: { image: 14, video: 6, audio: 6 }, quick: { image: 4, video: 2, audio: 2 } } as const;
/** Packaged recordings transformed (the rest found are distractors, compared but not transformed). */
const PACKAGED_TRANSFORMED = { full: 12, quick: 2 } as const;
/** Unrelated videos (slideshows of packaged photographs), compared but not transformed. */
const VIDEO_DISTRACTORS = { full: 40, quick: 3 } as const;
const KINDS: readonly MediaKind[] = ['image', 'video', 'audio'];

/** The kinds `--only=video,audio` (or `--only video`) asks for; every kind without it. */
export function onlyKinds(argv: readonly string[]): Set<MediaKind> {
  const i = argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
  if (i < 0) return new Set(KINDS);
  const list = argv[i]!.startsWith('--only=') ? argv[i]!.slice('--only='.length) : (argv[i + 1] ?? '');
  const kinds = list.split(',').map((k) => k.trim()).filter(Boolean);
  const unknown = kinds.filter((k) => !KINDS.includes(k as MediaKind));
  if (unknown.length || kinds.length === 0) throw new Error(`--only takes a comma-separated list of ${KINDS.join(', ')}; got "${list}"`);
  return new Set(kinds as MediaKind[]);
}

/**
 * Runs the robustness bench. `--quick` uses a few originals of each kind (a smoke test
 * that writes no JSON unless `--out` says where), `--keep` leaves the generated media in
 * the temp folder, `--out FILE` (or `-`, none) chooses the JSON file.
 *
 * @example
 *   await benchRobustness(['--quick', '--out', '-']);
 */
export async function benchRobustness(argv: readonly string[], deps: RobustnessDeps = {}): Promise<object> {
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const counts = argv.includes('--quick') ? COUNTS.quick : COUNTS.full;
  const only = onlyKinds(argv);
  const log = (line: string) => console.log(line);
  if (only.size === 1 && only.has('image')) return imageOnly(argv, arg('out'), deps, log);
  const env = readEnv();
  const ffmpeg = locateFfmpeg({ CONCORD_FFMPEG: env.ffmpeg, PATH: env.path }).path;
  const registry = deps.registry ?? defaultRegistry();
  const ports = deps.ports ?? defaultMediaPorts(env, { maxPixels: DEFAULT_IMAGE_LIMITS.maxPixels });
  const loadStart = loadavg()[0]!;
  const started = performance.now();
  const phases: Record<string, number> = {};
  const phase = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const result = await run();
    phases[name] = Math.round((performance.now() - t) / 100) / 10;
    log(`  ${name}: ${phases[name]} s`);
    return result;
  };

  const dir = mkdtempSync(join(tmpdir(), 'concord-robustness-'));
  let hashed: HashedItem[];
  let audioDistractors = new Set<string>();
  let videoDistractorNames = new Set<string>();
  let audioOriginalBytes: MediaItem[] = [];
  let imageResult: Record<string, unknown> | undefined;
  let audioCorpus = '';
  let videoCorpus = '';
  try {
    log(`generating ${[...only].join(', ')}: images (packaged photographs), ${counts.video} videos (${VIDEO.seconds} s ${VIDEO.width}×${VIDEO.height}), ${counts.audio} audio pieces and their variants…`);
    // Images: their own corpus of packaged photographs and distractors, matched through the indexes (robustness-image-bench.ts).
    if (only.has('image')) imageResult = await phase('images', () => imageBench({ quick: argv.includes('--quick'), registry, ports, log }));
    const videos = !only.has('video') ? [] : await phase('videos', async () => {
      const originals = await videoOriginals(ffmpeg, dir, counts.video);
      const variants = await videoVariants(ffmpeg, dir, originals, originals.map((_, i) => videoOriginalPath(dir, i)));
      const wanted = argv.includes('--quick') ? VIDEO_DISTRACTORS.quick : VIDEO_DISTRACTORS.full;
      let distractors: MediaItem[] = [];
      try {
        const { photos, others } = packagedImages();
        distractors = await videoDistractors(ffmpeg, dir, [...photos, ...others], wanted);
      } catch (err) {
        log(`  video distractors: none (${err instanceof Error ? err.message : String(err)})`);
      }
      videoDistractorNames = new Set(distractors.map((d) => d.original));
      videoCorpus = `${originals.length} videos generated with ffmpeg (lavfi sources and music-like soundtracks), ${distractors.length} unrelated slideshows of packaged photographs as distractors`;
      log(`  video: ${videoCorpus}`);
      return [...originals, ...variants, ...distractors];
    });
    const audio = !only.has('audio') ? [] : await phase('audio', async () => {
      // Real recordings from Debian packages where installed; the generated pieces otherwise.
      const packaged = await packagedAudioOriginals(ffmpeg, packagedMusicFiles());
      const transformed = argv.includes('--quick') ? PACKAGED_TRANSFORMED.quick : PACKAGED_TRANSFORMED.full;
      const originals = packaged.length > transformed ? packaged.slice(0, transformed) : await audioOriginals(ffmpeg, counts.audio);
      audioDistractors = packaged.length > transformed ? new Set(packaged.slice(transformed).map((d) => d.original)) : new Set();
      audioCorpus = packaged.length > transformed
        ? `${originals.length} packaged recordings transformed, ${audioDistractors.size} more as distractors (${packagedMusicPackages().join(', ')})`
        : 'GENERATED music-like pieces: no packaged music found (npm run bench:robustness:setup installs it)';
      log(`  audio: ${audioCorpus}`);
      audioOriginalBytes = originals;
      return [...originals, ...(await audioVariants(ffmpeg, originals)), ...packaged.slice(transformed)];
    });
    const items = [...videos, ...audio];
    if (argv.includes('--keep')) keepFiles(join(dir, 'all'), items);
    log(`hashing ${items.length} files with ${registry.names().join(', ')}…`);
    hashed = await phase('hashing', () => hashItems(registry, ports, items));
  } finally {
    if (argv.includes('--keep')) log(`generated media kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }

  // Distractors are references only: the older tables compare transformed originals.
  const isDistractor = (h: HashedItem) => (h.kind === 'audio' ? audioDistractors : h.kind === 'video' ? videoDistractorNames : new Set<string>()).has(h.original);
  const { recall, falseMatches } = score(registry, hashed.filter((h) => !isDistractor(h)));
  const originalsOf = (kind: MediaKind) => hashed.filter((h) => h.kind === kind && h.transform === ORIGINAL && !isDistractor(h)).length;
  log('');
  for (const kind of ['image', 'video', 'audio'] as const) {
    if (!only.has(kind)) continue;
    for (const line of recallTable(kind, recall, originalsOf(kind))) log(line);
    log('');
  }
  for (const line of falseMatchTable(falseMatches)) log(line);

  // Audio and video: the plain path against the robust default path, through the indexes.
  const av = Object.fromEntries(
    (['audio', 'video'] as const).filter((kind) => only.has(kind)).map((kind) => {
      const mine = hashed.filter((h) => h.kind === kind);
      const result = scoreAv(registry, kind, mine.filter((h) => !isDistractor(h)), mine.filter(isDistractor));
      log('');
      for (const line of avTables(kind, result.lenses, result.indexCost)) log(line);
      const frameCurve = kind === 'video' ? vpdqMultiFrameCurve(mine.filter((h) => !isDistractor(h)), mine.filter(isDistractor)) : undefined;
      if (frameCurve) for (const line of frameCurveLines(frameCurve)) log(line);
      return [kind, { ...result, ...(frameCurve ? { frameCurve } : {}) }];
    }),
  );
  const avCost = only.has('audio') ? await fingerprintCost(ffmpeg, audioOriginalBytes) : undefined;
  if (avCost) log(`\naudio fingerprint only (decoded PCM, median per 60 s): plain ${avCost.plainMs} ms, + narrowband and ${avCost.tempos} tempo variants ${avCost.withNarrowbandMs} ms (${avCost.ratio}×); end to end with ffmpeg: plain ${avCost.endToEnd.plainMs} ms, new ${avCost.endToEnd.withNarrowbandMs} ms (${avCost.endToEnd.ratio}×)`);
  log(`hashing, median ms per file (whole registry): audio ${Math.round(medianOf(hashed.filter((h) => h.kind === 'audio').map((h) => h.ms)))}, video ${Math.round(medianOf(hashed.filter((h) => h.kind === 'video').map((h) => h.ms)))}`);
  const problems = [...new Set(hashed.flatMap((h) => [...h.problems].map(([type, why]) => `${h.kind} ${type}: ${why}`)))];
  if (problems.length) {
    log('\nsignals that gave no value:');
    for (const p of problems.slice(0, 10)) log(`  ${p}`);
  }
  const imageCorpus = (imageResult as { corpus: { packages: readonly string[]; originals: readonly string[]; distractors: number } } | undefined)?.corpus;
  const corpus = {
    image: imageCorpus ? `${imageCorpus.originals.length} packaged photographs and ${imageCorpus.distractors} distractors (${imageCorpus.packages.join(', ')})` : 'not run',
    audio: only.has('audio') ? audioCorpus : 'not run',
    video: only.has('video') ? videoCorpus : 'not run',
  };
  log(`\ncorpus: images: ${corpus.image}; audio: ${corpus.audio}; video: ${corpus.video}`);
  const totalSeconds = Math.round((performance.now() - started) / 100) / 10;
  const loadEnd = loadavg()[0]!;
  log(`\ntotal ${totalSeconds} s (${Object.entries(phases).map(([k, v]) => `${k} ${v} s`).join(', ')}); load average ${loadStart.toFixed(2)} → ${loadEnd.toFixed(2)} on ${cpus().length} cores`);

  const output = {
    date: new Date().toISOString(),
    node: process.version,
    ffmpeg,
    registered: registry.names(),
    only: [...only],
    corpus,
    seconds: { total: totalSeconds, ...phases },
    loadAverage: { start: loadStart, end: loadEnd },
    originals: { image: originalsOf('image'), video: originalsOf('video'), audio: originalsOf('audio') },
    video: VIDEO,
    transforms: {
      image: IMAGE_TRANSFORMS.map(({ name, description }) => ({ name, description })),
      video: VIDEO_TRANSFORMS.map(({ name, description }) => ({ name, description })),
      audio: audioTransforms(ffmpeg).map(({ name, description }) => ({ name, description })),
    },
    method:
      'recall = variants within the registered threshold of their own original / variants compared; a pair is compared only when both values are matchable ' +
      '(pdq quality ≥ 50, a long enough soundtrack), others count as unmatchable. "+ dihedral" also looks up the query\'s rotated and mirrored hashes. ' +
      'False matches: ordered pairs of distinct originals, and every variant against every original it does not come from.',
    recall: recall.map((r) => ({
      kind: r.kind,
      transform: r.transform,
      signal: r.lens.label,
      type: r.lens.type,
      ...(r.threshold === undefined ? { status: `${r.lens.type} not registered` } : { threshold: r.threshold, ...tallyJson(r.same, 'recall', true), againstOtherOriginals: tallyJson(r.others, 'falseMatchRate') }),
    })),
    falseMatches: falseMatches.map((f) => ({
      kind: f.kind,
      signal: f.lens.label,
      type: f.lens.type,
      ...(f.threshold === undefined
        ? { status: `${f.lens.type} not registered` }
        : { threshold: f.threshold, unmatchableOriginals: f.unmatchableOriginals, distinctOriginals: tallyJson(f.originals, 'falseMatchRate'), variantsVsOtherOriginals: tallyJson(f.variants, 'falseMatchRate'), examples: f.examples }),
    })),
    audioVideo: {
      method:
        'Through each type\'s index at its threshold, as POST /v1/match: "plain" looks up today\'s values only, the new lenses also the query\'s alternates ' +
        '(tempo variants, mirrored frames) and the new type; a hit through any lookup counts. Impostor pairs: every item (originals, variants, distractors) against every reference (originals and distractors) other than its own original.',
      audioDistractors: [...audioDistractors],
      videoDistractors: [...videoDistractorNames],
      ...Object.fromEntries(Object.entries(av).map(([kind, r]) => [kind, { indexBytesPerEntry: r.indexCost, lenses: r.lenses.map((l) => ({ label: l.lens.label, lookups: l.lens.lookups, recall: l.recall, impostors: l.impostors, queryMs: l.queryMs, ...(l.curve ? { curve: l.curve } : {}) })), ...('frameCurve' in r ? { frameCurve: r.frameCurve } : {}) }])),
      fingerprintCost: avCost,
    },
    problems,
    ...(imageResult ? { image: imageResult } : {}),
    hashMs: Object.fromEntries((['image', 'video', 'audio'] as const).map((k) => [k, Math.round(medianOf(hashed.filter((h) => h.kind === k).map((h) => h.ms)))])),
  };
  // A --quick run is a smoke test, and a run of some kinds only is partial: they write only where they are told to, never over the full results.
  const partial = argv.includes('--quick') || only.size < KINDS.length;
  const out = arg('out') ?? (partial ? '-' : join(repoRoot(import.meta.url), 'bench', 'results', 'robustness.json'));
  if (out !== '-') {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(output, null, 2) + '\n');
    log(`wrote ${out}`);
  }
  return output;
}

/** The image half alone (`--only image`): its own tables and JSON, nothing generated for video or audio. */
async function imageOnly(argv: readonly string[], out: string | undefined, deps: RobustnessDeps, log: (line: string) => void): Promise<object> {
  const env = readEnv();
  const registry = deps.registry ?? defaultRegistry();
  const ports = deps.ports ?? defaultMediaPorts(env, { maxPixels: DEFAULT_IMAGE_LIMITS.maxPixels });
  const quick = argv.includes('--quick');
  const values = argv.indexOf('--values');
  const distractors = argv.indexOf('--distractors');
  const output = { node: process.version, ...(await imageBench({ quick, registry, ports, log, ...(values >= 0 ? { valuesOut: argv[values + 1]! } : {}), ...(distractors >= 0 ? { distractors: Number(argv[distractors + 1]) } : {}) })) };
  const file = out ?? (quick ? '-' : join(repoRoot(import.meta.url), 'bench', 'results', 'robustness-image.json'));
  if (file !== '-') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(output, null, 2) + '\n');
    log(`wrote ${file}`);
  }
  return output;
}

/** Writes every item as `<kind>/<original>/<transform>.<format>` for a look at what was hashed. */
function keepFiles(dir: string, items: readonly MediaItem[]): void {
  for (const item of items) {
    const folder = join(dir, item.kind, item.original);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${item.transform.replace(/[^\w.+-]+/g, '_')}.${sniff(item.bytes).format ?? 'bin'}`), item.bytes);
  }
}

function medianOf(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? sorted[(sorted.length - 1) >> 1]! : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchRobustness(process.argv.slice(2)).catch((err) => {
    console.error(err instanceof Error ? err.stack ?? err.message : err);
    process.exitCode = 1;
  });
}
