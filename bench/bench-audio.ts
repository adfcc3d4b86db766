/**
 * Audio fingerprinting speed: seconds of audio fingerprinted per second of wall time,
 * for Concord end to end (ffmpeg decode through stdin + fingerprint), fingerprint only
 * (on already decoded PCM), and `fpcalc` (libchromaprint-tools) on the same files in
 * the same run when it is installed. Prints medians, noise and the ratio to fpcalc, and
 * writes bench/results/audio.json.
 *
 *   node dist/bench/bench-audio.js [--runs=7]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_MEDIA_LIMITS } from '../src/media/audio-decoder.js';
import { FfmpegAudioDecoder } from '../src/media/ffmpeg/ffmpeg-audio-decoder.js';
import { locateFfmpeg } from '../src/media/ffmpeg/ffmpeg-locate.js';
import { musicSource } from '../src/signals/audio-chromaprint/chromaprint-audio.test-helper.js';
import { encodeFingerprint } from '../src/signals/audio-chromaprint/chromaprint-compression.js';
import { ChromaprintStream, chromaprintItems } from '../src/signals/audio-chromaprint/chromaprint-fingerprinter.js';
import { CHROMAPRINT_MAX_SECONDS, CHROMAPRINT_RESAMPLE_FILTER } from '../src/signals/audio-chromaprint/chromaprint-signal.js';
import { repoRoot } from '../src/testing/repo-root.js';

interface Stats {
  readonly medianMs: number;
  /** Spread of the runs: (max − min) / median. */
  readonly noise: number;
  readonly audioSecondsPerSecond: number;
}

interface FileResult {
  readonly file: string;
  readonly seconds: number;
  readonly ours: Stats;
  readonly fingerprintOnly: Stats;
  readonly fpcalc?: Stats;
  /** Concord's end-to-end speed over fpcalc's (≥ 1 means at least as fast). */
  readonly ratio?: number;
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
  return { medianMs: round(median), noise: round((sorted.at(-1)! - sorted[0]!) / median), audioSecondsPerSecond: round(audioSeconds / (median / 1000)) };
}
const round = (x: number) => Math.round(x * 100) / 100;

function generate(ffmpeg: string, dir: string, f: (typeof FILES)[number]): string {
  const path = join(dir, f.name);
  const r = spawnSync(ffmpeg, ['-v', 'error', '-f', 'lavfi', '-i', musicSource(f.seed), '-f', 'lavfi', '-i', `anoisesrc=color=pink:amplitude=0.02:seed=${f.seed}`,
    '-filter_complex', '[0:a][1:a]amix=inputs=2:duration=first:normalize=0', '-t', String(f.seconds), ...f.encode, '-y', path]);
  if (r.status !== 0) throw new Error(`could not generate ${f.name}: ${r.stderr.toString()}`);
  return path;
}

const hasFpcalc = (): boolean => spawnSync('fpcalc', ['-version']).status === 0;

export async function benchAudio(argv: readonly string[]): Promise<FileResult[]> {
  const runs = Number(argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 7);
  const ffmpeg = locateFfmpeg(process.env).path;
  const decoder = new FfmpegAudioDecoder({ ffmpeg });
  const request = { sampleRate: 11025, resampleFilter: CHROMAPRINT_RESAMPLE_FILTER, maxSeconds: CHROMAPRINT_MAX_SECONDS };
  const fpcalc = hasFpcalc();
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
      let value = '';
      let reference: string | undefined;
      for (let r = 0; r < runs + 1; r++) {
        // End to end as the signal does it: fingerprinting each piece of PCM while ffmpeg decodes on.
        let t = performance.now();
        const stream = new ChromaprintStream();
        const { samples } = await decoder.decodeMono(bytes, request, DEFAULT_MEDIA_LIMITS, (piece) => stream.push(piece)).catch((err: Error) => {
          throw new Error(`${f.name}: ${err.message}`);
        });
        value = encodeFingerprint(stream.finish());
        const end = performance.now() - t;
        t = performance.now();
        chromaprintItems(samples);
        const fp = performance.now() - t;
        let them = 0;
        if (fpcalc) {
          t = performance.now();
          const out = spawnSync('fpcalc', ['-plain', path]);
          them = performance.now() - t;
          reference = out.stdout.toString().trim();
        }
        if (r === 0) continue; // warm-up: JIT, page cache
        ours.push(end);
        only.push(fp);
        if (fpcalc) theirs.push(them);
      }
      const result: FileResult = {
        file: f.name,
        seconds,
        ours: stats(ours, seconds),
        fingerprintOnly: stats(only, seconds),
        ...(fpcalc ? { fpcalc: stats(theirs, seconds), sameAsFpcalc: value === reference } : {}),
      };
      results.push(result.fpcalc ? { ...result, ratio: round(result.ours.audioSecondsPerSecond / result.fpcalc.audioSecondsPerSecond) } : result);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  print(results, fpcalc, runs, ffmpeg);
  const out = join(repoRoot(), 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'audio.json'), JSON.stringify({ date: new Date().toISOString(), runs, ffmpeg, fpcalc, results }, null, 2) + '\n');
  return results;
}

function print(results: readonly FileResult[], fpcalc: boolean, runs: number, ffmpeg: string): void {
  console.log(`audio_chromaprint, median of ${runs} runs (ffmpeg ${ffmpeg}${fpcalc ? '' : '; fpcalc not installed: apt-get install libchromaprint-tools'})`);
  console.log('file                    audio s   ours e2e x realtime (ms, noise)   fingerprint only x (ms)   fpcalc x (ms, noise)   ratio  same');
  for (const r of results) {
    const cell = (s: Stats | undefined) => (s ? `${String(s.audioSecondsPerSecond).padStart(7)} (${s.medianMs} ms, ±${Math.round(s.noise * 100)}%)` : '—');
    console.log(
      `${r.file.padEnd(24)}${String(r.seconds).padStart(7)}   ${cell(r.ours).padEnd(32)}${String(r.fingerprintOnly.audioSecondsPerSecond).padStart(8)} (${r.fingerprintOnly.medianMs})`.padEnd(118) +
        `${cell(r.fpcalc).padEnd(23)}${String(r.ratio ?? '—').padStart(5)}  ${r.sameAsFpcalc ?? '—'}`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchAudio(process.argv.slice(2)).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
