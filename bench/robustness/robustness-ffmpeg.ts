import { spawn } from 'node:child_process';

/**
 * Runs ffmpeg to completion with `-v error`; rejects with its last stderr lines on failure.
 *
 * @example
 *   await runFfmpeg('/usr/bin/ffmpeg', ['-f', 'lavfi', '-i', 'sine', '-t', '1', '-y', 'out.wav']);
 */
export function runFfmpeg(ffmpeg: string, args: readonly string[], input?: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, ['-nostdin', '-hide_banner', '-v', 'error', ...args], { stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => (err = (err + b.toString()).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`ffmpeg ${args.join(' ').slice(0, 300)} exited with ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`));
    });
    if (input && child.stdin) {
      child.stdin.on('error', () => {}); // ffmpeg may stop reading early; its exit code tells
      child.stdin.end(input);
    }
  });
}

/** Runs `tasks` with at most `width` at a time (2 cores: keep both busy), results in order. */
export async function inPool<T>(tasks: readonly (() => Promise<T>)[], width: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, worker));
  return results;
}
