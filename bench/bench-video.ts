/**
 * Video hashing speed: seconds of video hashed per second of wall time (× real time) for
 * vPDQ end to end (ffmpeg probe + decode through stdin, frames chosen in ffmpeg, PDQ in
 * this process while ffmpeg decodes on), against ffmpeg decoding the same file to
 * nothing in the same run — the floor, since every frame must be decoded to count
 * frames as the reference does. The clip: 60 s of 1280×720 30 fps h264 (lavfi testsrc2
 * with temporal noise, about 3 Mbit/s), generated once and kept in the temp folder.
 * Writes bench/results/video.json.
 *
 *   node dist/bench/bench-video.js [--runs=3] [--seconds=60] [--every-frame] [--fresh]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { locateFfmpeg } from '../src/media/ffmpeg/ffmpeg-locate.js';
import { FfmpegVideoDecoder } from '../src/media/ffmpeg/ffmpeg-video-decoder.js';
import type { MediaLimits } from '../src/media/audio-decoder.js';
import { hashVideo } from '../src/signals/vpdq/vpdq-hasher.js';
import { repoRoot } from '../src/testing/repo-root.js';

interface Stats {
  readonly medianMs: number;
  /** Spread of the runs: (max − min) / median. */
  readonly noise: number;
  readonly realtime: number;
  /** CPU seconds (this process and ffmpeg, user + system) per run, median; less sensitive to other load than wall time. */
  readonly cpuSeconds?: number;
}

interface VideoBench {
  readonly date: string;
  readonly ffmpeg: string;
  readonly ffmpegVersion: string;
  readonly cpus: number;
  /** 1-minute load average before and after: other work on the machine slows every figure alike. */
  readonly loadBefore: number;
  readonly loadAfter: number;
  readonly clip: { readonly seconds: number; readonly size: string; readonly fps: number; readonly bytes: number };
  readonly runs: number;
  readonly framesHashed: number;
  readonly ours: Stats;
  readonly decodeOnly: Stats;
  /** Ours over decode-only: the share of the floor vPDQ reaches (≤ 1). */
  readonly ofDecodeFloor: number;
  readonly everyFrame?: Stats & { readonly framesHashed: number };
}

const LIMITS: MediaLimits = { maxDurationSeconds: 24 * 3600, timeoutMs: 30 * 60_000 };

function clipPath(ffmpeg: string, seconds: number, fresh: boolean): string {
  const path = join(tmpdir(), `concord-bench-video-720p30-${seconds}s.mkv`);
  if (existsSync(path) && !fresh) return path;
  console.log(`generating ${seconds} s of 720p h264 (once; kept as ${path}) …`);
  const r = spawnSync(ffmpeg, [
    '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30', '-t', String(seconds),
    '-vf', 'noise=alls=6:allf=t', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p', '-f', 'matroska', '-y', `${path}.part`,
  ]);
  if (r.status !== 0) throw new Error(`could not generate the clip: ${r.stderr.toString()}`);
  renameSync(`${path}.part`, path);
  return path;
}

function stats(ms: number[], seconds: number, cpu: number[] = []): Stats {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const wall = median(ms);
  return {
    medianMs: Math.round(wall),
    noise: round((Math.max(...ms) - Math.min(...ms)) / wall),
    realtime: round(seconds / (wall / 1000)),
    ...(cpu.length > 0 ? { cpuSeconds: round(median(cpu)) } : {}),
  };
}

/** CPU seconds used so far by this process plus its finished children (Linux /proc; 0 for children elsewhere). */
function cpuSeconds(): number {
  const own = process.cpuUsage();
  let children = 0;
  try {
    // Fields after "(comm)": cutime and cstime are the 14th and 15th, in clock ticks (100 a second on Linux).
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    children = (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    // Not Linux: own time only.
  }
  return (own.user + own.system) / 1e6 + children;
}
const round = (x: number) => Math.round(x * 100) / 100;

/** ffmpeg decoding every frame of the video stream and discarding it, fed through stdin as ours is. */
function decodeOnly(ffmpeg: string, bytes: Buffer): number {
  const t = performance.now();
  const r = spawnSync(ffmpeg, ['-nostdin', '-v', 'error', '-i', 'pipe:0', '-map', '0:V:0', '-f', 'null', '-'], { input: bytes, maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`ffmpeg decode failed: ${r.stderr.toString()}`);
  return performance.now() - t;
}

export async function benchVideo(argv: readonly string[]): Promise<VideoBench> {
  const option = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const runs = Number(option('runs') ?? 3);
  const seconds = Number(option('seconds') ?? 60);
  const ffmpeg = locateFfmpeg(process.env).path;
  const ffmpegVersion = spawnSync(ffmpeg, ['-version']).stdout.toString().split('\n')[0]!;
  const bytes = readFileSync(clipPath(ffmpeg, seconds, argv.includes('--fresh')));
  const decoder = new FfmpegVideoDecoder({ ffmpeg });
  const loadBefore = round(loadavg()[0]!);

  const ours: number[] = [];
  const oursCpu: number[] = [];
  const floor: number[] = [];
  const floorCpu: number[] = [];
  let framesHashed = 0;
  for (let r = 0; r < runs + 1; r++) {
    let cpu = cpuSeconds();
    const t = performance.now();
    const video = await hashVideo(decoder, bytes, { secondsPerHash: 1 }, LIMITS);
    const took = performance.now() - t;
    const tookCpu = cpuSeconds() - cpu;
    framesHashed = video.frames.length;
    cpu = cpuSeconds();
    const base = decodeOnly(ffmpeg, bytes);
    const baseCpu = cpuSeconds() - cpu;
    if (r === 0) continue; // warm-up: JIT, page cache
    ours.push(took);
    oursCpu.push(tookCpu);
    floor.push(base);
    floorCpu.push(baseCpu);
  }
  let everyFrame: VideoBench['everyFrame'];
  if (argv.includes('--every-frame')) {
    const t = performance.now();
    const video = await hashVideo(decoder, bytes, { secondsPerHash: 0 }, LIMITS);
    everyFrame = { ...stats([performance.now() - t], seconds), framesHashed: video.frames.length };
  }

  const oursStats = stats(ours, seconds, oursCpu);
  const floorStats = stats(floor, seconds, floorCpu);
  const result: VideoBench = {
    date: new Date().toISOString(),
    ffmpeg,
    ffmpegVersion,
    cpus: availableParallelism(),
    loadBefore,
    loadAfter: round(loadavg()[0]!),
    clip: { seconds, size: '1280x720', fps: 30, bytes: bytes.length },
    runs,
    framesHashed,
    ours: oursStats,
    decodeOnly: floorStats,
    ofDecodeFloor: round(oursStats.realtime / floorStats.realtime),
    ...(everyFrame ? { everyFrame } : {}),
  };
  print(result);
  const out = join(repoRoot(), 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'video.json'), JSON.stringify(result, null, 2) + '\n');
  return result;
}

function print(r: VideoBench): void {
  const cell = (s: Stats) => `${String(s.realtime).padStart(6)}× real time (${s.medianMs} ms, ±${Math.round(s.noise * 100)}%${s.cpuSeconds === undefined ? '' : `; ${s.cpuSeconds} CPU s`})`;
  console.log(`vpdq on ${r.clip.seconds} s of ${r.clip.size} h264 at ${r.clip.fps} fps, median of ${r.runs} runs; ${r.cpus} CPUs, load ${r.loadBefore} → ${r.loadAfter}; ${r.ffmpegVersion}`);
  console.log(`  vpdq, 1 frame/s (${r.framesHashed} frames)   ${cell(r.ours)}`);
  console.log(`  ffmpeg decode only (floor)      ${cell(r.decodeOnly)}`);
  console.log(`  vpdq / floor                    ${r.ofDecodeFloor}`);
  if (r.everyFrame) console.log(`  vpdq, every frame (${r.everyFrame.framesHashed} frames) ${cell(r.everyFrame)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchVideo(process.argv.slice(2)).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
