/**
 * Audio fingerprinting speed: seconds of audio fingerprinted per second of wall time,
 * for Concord end to end (ffmpeg decode through stdin, fingerprinted piece by piece as it
 * arrives), three ways: warm = a started ffmpeg waiting, as for a file reaching a node that
 * is not busy; cold = a new ffmpeg, as for the first file; five in a row = the same file five
 * times with no pause, as in a batch. Also fingerprint only (on already decoded PCM), and
 * `fpcalc` (libchromaprint-tools) on the same files in the same run when it is installed,
 * once per file and given five copies in one run (its start-up paid once: the match for
 * five in a row). Prints medians with min–max, the load, the ratios to fpcalc, and writes
 * bench/results/audio.json.
 *
 *   node dist/bench/bench-audio.js [--runs=7]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_MEDIA_LIMITS, type AudioRequest } from '../src/media/audio-decoder.js';
import { FfmpegAudioDecoder } from '../src/media/ffmpeg/ffmpeg-audio-decoder.js';
import { locateFfmpeg } from '../src/media/ffmpeg/ffmpeg-locate.js';
import { musicSource } from '../src/signals/audio-chromaprint/chromaprint-audio.test-helper.js';
import { encodeFingerprint } from '../src/signals/audio-chromaprint/chromaprint-compression.js';
import { ChromaprintStream, chromaprintItems } from '../src/signals/audio-chromaprint/chromaprint-fingerprinter.js';
import { CHROMAPRINT_AUDIO_REQUEST, CHROMAPRINT_MAX_SECONDS } from '../src/signals/audio-chromaprint/chromaprint-signal.js';
import { repoRoot } from '../src/testing/repo-root.js';

interface Stats {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** Spread of the runs: (max − min) / median. */
  readonly noise: number;
  readonly audioSecondsPerSecond: number;
}

interface FileResult {
  readonly file: string;
  readonly seconds: number;
  /** End to end with a started ffmpeg waiting (files after the first in a batch). */
  readonly ours: Stats;
  /** End to end with a new ffmpeg process (a single file). */
  readonly oursCold: Stats;
  /** Per file, the same file BATCH times back to back with no pause: each spare has only the previous file's decode to start in. */
  readonly oursBackToBack: Stats;
  readonly fingerprintOnly: Stats;
  readonly fpcalc?: Stats;
  /** fpcalc with the file given BATCH times in one run, per file: its start-up paid once. */
  readonly fpcalcBatch?: Stats;
  /** Ours back to back over fpcalc batched: BATCH files in a row on each side. */
  readonly ratioBatch?: number;
  /** Concord's end-to-end speed over fpcalc's (≥ 1 means at least as fast), warm and cold. */
  readonly ratio?: number;
  readonly ratioCold?: number;
  readonly sameAsFpcalc?: boolean;
}

const FILES = [
  { name: 'music-60s.wav', seed: 1, seconds: 60, encode: ['-c:a', 'pcm_s16le', '-f', 'wav'] },
  { name: 'music-120s.mp3', seed: 2, seconds: 120, encode: ['-c:a', 'libmp3lame', '-b:a', '128k', '-f', 'mp3'] },
  { name: 'music-300s-stereo.ogg', seed: 3, seconds: 300, encode: ['-ac', '2', '-c:a', 'libvorbis', '-f', 'ogg'] },
  { name: 'music-200s-48k.m4a', seed: 4, seconds: 200, encode: ['-ar', '48000', '-c:a', 'aac', '-b:a', '96k', '-f', 'ipod'] },
] as const;

function stats(ms: number[], audioSeconds: number): Stats {
  const sorted = [...ms].sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1]!;
  return { medianMs: round(median), minMs: round(sorted[0]!), maxMs: round(sorted.at(-1)!), noise: round((sorted.at(-1)! - sorted[0]!) / median), audioSecondsPerSecond: round(audioSeconds / (median / 1000)) };
}
const round = (x: number) => Math.round(x * 100) / 100;

function generate(ffmpeg: string, dir: string, f: (typeof FILES)[number]): string {
  const path = join(dir, f.name);
  const r = spawnSync(ffmpeg, ['-v', 'error', '-f', 'lavfi', '-i', musicSource(f.seed), '-f', 'lavfi', '-i', `anoisesrc=color=pink:amplitude=0.02:seed=${f.seed}`,
    '-filter_complex', '[0:a][1:a]amix=inputs=2:duration=first:normalize=0', '-t', String(f.seconds), ...f.encode, '-y', path]);
  if (r.status !== 0) throw new Error(`could not generate ${f.name}: ${r.stderr.toString()}`);
  return path;
}

async function endToEnd(decoder: FfmpegAudioDecoder, bytes: Uint8Array, request: AudioRequest, name: string) {
  const t = performance.now();
  const stream = new ChromaprintStream();
  const { samples } = await decoder.decodeMono(bytes, request, DEFAULT_MEDIA_LIMITS, (piece) => stream.push(piece)).catch((err: Error) => {
    throw new Error(`${name}: ${err.message}`);
  });
  const value = encodeFingerprint(stream.finish());
  return { ms: performance.now() - t, value, samples };
}

const BATCH = 5;
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

const hasFpcalc = (): boolean => spawnSync('fpcalc', ['-version']).status === 0;

export async function benchAudio(argv: readonly string[]): Promise<FileResult[]> {
  const runs = Number(argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 7);
  const ffmpeg = locateFfmpeg(process.env).path;
  const coldDecoder = new FfmpegAudioDecoder({ ffmpeg });
  const warmDecoder = new FfmpegAudioDecoder({ ffmpeg, warmSpare: true });
  const request = CHROMAPRINT_AUDIO_REQUEST;
  const fpcalc = hasFpcalc();
  const loadBefore = loadavg()[0]!;
  const dir = mkdtempSync(join(tmpdir(), 'concord-bench-audio-'));
  const results: FileResult[] = [];
  try {
    for (const f of FILES) {
      const path = generate(ffmpeg, dir, f);
      const bytes = readFileSync(path);
      const seconds = Math.min(f.seconds, CHROMAPRINT_MAX_SECONDS);
      const ours: number[] = [];
      const only: number[] = [];
      const theirs: number[] = [];
      const theirsBatch: number[] = [];
      let value = '';
      let reference: string | undefined;
      const cold: number[] = [];
      const batched: number[] = [];
      for (let r = 0; r < runs + 1; r++) {
        // End to end as the signal does it: fingerprinting each piece of PCM while ffmpeg
        // decodes on. Cold: a new ffmpeg for the file, as for a single file. Warm: the spare
        // the node's and CLI's decoder keeps started (ffmpeg-warm-spare.ts), as in a batch.
        const coldRun = await endToEnd(coldDecoder, bytes, request, f.name);
        await settle();
        const warmRun = await endToEnd(warmDecoder, bytes, request, f.name);
        value = warmRun.value;
        if (coldRun.value !== value) throw new Error(`${f.name}: cold and warm decodes gave different fingerprints`);
        let t = performance.now();
        chromaprintItems(warmRun.samples);
        const fp = performance.now() - t;
        await settle();
        // A batch: BATCH files in a row, as `concord hash a b c …` or a busy node meets them.
        t = performance.now();
        for (let i = 0; i < BATCH; i++) {
          if ((await endToEnd(warmDecoder, bytes, request, f.name)).value !== value) throw new Error(`${f.name}: a back-to-back decode gave another fingerprint`);
        }
        const backToBack = (performance.now() - t) / BATCH;
        // Let the next spare finish starting, so that it does not share the CPU with fpcalc.
        await settle();
        let them = 0;
        let themBatch = 0;
        if (fpcalc) {
          t = performance.now();
          const out = spawnSync('fpcalc', ['-plain', path]);
          them = performance.now() - t;
          reference = out.stdout.toString().trim();
          // fpcalc given several files at once pays its start-up once: the fair match for "warm".
          await settle();
          t = performance.now();
          // -ignore-errors: Debian's fpcalc 1.5.1 reports each file's end as an error and would stop after the first.
          const batch = spawnSync('fpcalc', ['-ignore-errors', '-plain', ...Array<string>(BATCH).fill(path)]);
          themBatch = (performance.now() - t) / BATCH;
          const printed = batch.stdout.toString().trim().split('\n');
          if (printed.length !== BATCH || printed.some((line) => line !== reference)) throw new Error(`${f.name}: fpcalc did not fingerprint all ${BATCH} copies alike`);
        }
        if (r === 0) continue; // warm-up: JIT, page cache, and the first spare
        ours.push(warmRun.ms);
        cold.push(coldRun.ms);
        batched.push(backToBack);
        only.push(fp);
        if (fpcalc) {
          theirs.push(them);
          theirsBatch.push(themBatch);
        }
      }
      const result: FileResult = {
        file: f.name,
        seconds,
        ours: stats(ours, seconds),
        oursCold: stats(cold, seconds),
        oursBackToBack: stats(batched, seconds),
        fingerprintOnly: stats(only, seconds),
        ...(fpcalc ? { fpcalc: stats(theirs, seconds), fpcalcBatch: stats(theirsBatch, seconds), sameAsFpcalc: value === reference } : {}),
      };
      const vs = (s: Stats) => round(s.audioSecondsPerSecond / result.fpcalc!.audioSecondsPerSecond);
      const batch = result.fpcalcBatch ? round(result.oursBackToBack.audioSecondsPerSecond / result.fpcalcBatch.audioSecondsPerSecond) : undefined;
      results.push(result.fpcalc ? { ...result, ratio: vs(result.ours), ratioCold: vs(result.oursCold), ratioBatch: batch } : result);
    }
  } finally {
    warmDecoder.warm?.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const loadAfter = loadavg()[0]!;
  print(results, fpcalc, runs, ffmpeg, [loadBefore, loadAfter]);
  const out = join(repoRoot(), 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'audio.json'), JSON.stringify({ date: new Date().toISOString(), runs, ffmpeg, fpcalc, loadAverage: { before: loadBefore, after: loadAfter }, results }, null, 2) + '\n');
  return results;
}

function print(results: readonly FileResult[], fpcalc: boolean, runs: number, ffmpeg: string, load: readonly number[]): void {
  console.log(`audio_chromaprint, median [min–max] ms of ${runs} runs (ffmpeg ${ffmpeg}${fpcalc ? '' : '; fpcalc not installed: apt-get install libchromaprint-tools'}); load ${load.map((l) => l.toFixed(2)).join(' → ')}`);
  console.log('file                    audio s  ours warm                   ours cold                  ours ×5 in a row, per file  fingerprint only     fpcalc                      fpcalc ×5, per file         ratio warm/cold/×5÷×5    same');
  const cell = (s: Stats | undefined, width: number) => (s ? `${s.medianMs} [${s.minMs}–${s.maxMs}]`.padEnd(width) : '—'.padEnd(width));
  for (const r of results) {
    console.log(
      `${r.file.padEnd(24)}${String(r.seconds).padStart(7)}  ${cell(r.ours, 27)}${cell(r.oursCold, 27)}${cell(r.oursBackToBack, 28)}${cell(r.fingerprintOnly, 21)}${cell(r.fpcalc, 28)}${cell(r.fpcalcBatch, 28)}` +
        `${r.ratio ?? '—'} / ${r.ratioCold ?? '—'} / ${r.ratioBatch ?? '—'}`.padEnd(25) + `${r.sameAsFpcalc ?? '—'}`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchAudio(process.argv.slice(2)).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
