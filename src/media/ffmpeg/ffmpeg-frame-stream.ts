import { spawn } from 'node:child_process';

/** What a frame stream may be given; see `streamFrames`. */
export interface FrameStreamOptions {
  readonly args: readonly string[];
  /** Bytes written to the child's stdin, which is then closed. An early exit (EPIPE) is not an error. */
  readonly stdin: Uint8Array;
  /** Size of one frame on stdout; stdout is cut into frames of exactly this size. */
  readonly frameBytes: number;
  /** Wall-clock limit; the child is killed when it passes. */
  readonly timeoutMs: number;
  /**
   * Called with each complete frame, in order (`n` counts from 0). The buffer is reused
   * for the next frame. `stop` kills the child and ends the run as `stopped`; a throw
   * kills it and ends the run as `failed`.
   */
  readonly onFrame: (frame: Uint8Array, n: number, stop: (reason: string) => void) => void;
  /**
   * More frame outputs of the same child, on file descriptors 3, 4, … in order (ffmpeg's
   * `pipe:3`…), each cut and handed over like stdout: one decode feeding several frame choices.
   */
  readonly more?: readonly FrameOutput[];
  /** How much of the end of stderr to keep for messages. */
  readonly stderrTailBytes?: number;
}

/** A further frame output: its frame size and what takes each frame (as `frameBytes` and `onFrame`). */
export interface FrameOutput {
  readonly frameBytes: number;
  readonly onFrame: (frame: Uint8Array, n: number, stop: (reason: string) => void) => void;
}

interface StreamOutput {
  /** Complete frames handed to `onFrame` (stdout's). */
  readonly frames: number;
  /** Complete frames of each of `more`, in order. */
  readonly moreFrames: readonly number[];
  /** Bytes of an incomplete last frame, dropped. */
  readonly partialBytes: number;
  /** The last few KB of stderr, for error messages. */
  readonly stderrTail: string;
}

/** How a stream ended. Only `spawn-failed` has no output. */
export type FrameStreamResult =
  | ({ readonly kind: 'exited'; readonly exitCode: number | null; readonly signal: NodeJS.Signals | null } & StreamOutput)
  | ({ readonly kind: 'timeout' } & StreamOutput)
  | ({ readonly kind: 'stopped'; readonly reason: string } & StreamOutput)
  | ({ readonly kind: 'failed'; readonly error: unknown } & StreamOutput)
  | { readonly kind: 'spawn-failed'; readonly error: NodeJS.ErrnoException };

/**
 * Runs a command with bytes on stdin and hands its stdout over as fixed-size frames, one
 * at a time, while it runs (`runProcess` buffers stdout; a video's frames would not fit).
 * Memory is one frame plus a pipe chunk: `onFrame` runs synchronously, and while it does
 * nothing is read, so the child blocks on a full pipe instead of racing ahead. The child
 * goes on decoding in its own process meanwhile, so decoding and hashing overlap.
 * Never rejects: every ending is a `FrameStreamResult`.
 *
 * @example
 *   const r = await streamFrames('/usr/bin/ffmpeg', { args, stdin: bytes, frameBytes: 320 * 240 * 3,
 *     timeoutMs: 60_000, onFrame: (rgb, n) => hashes.push(pdqHash({ width: 320, height: 240, channels: 3, data: rgb })) });
 *   if (r.kind === 'exited' && r.exitCode === 0) done(r.frames);
 */
export function streamFrames(command: string, options: FrameStreamOptions): Promise<FrameStreamResult> {
  const tailBytes = options.stderrTailBytes ?? 4096;
  const outputs: readonly FrameOutput[] = [{ frameBytes: options.frameBytes, onFrame: options.onFrame }, ...(options.more ?? [])];
  for (const { frameBytes } of outputs) {
    if (!(Number.isInteger(frameBytes) && frameBytes > 0)) throw new RangeError(`frameBytes must be a positive integer, got ${frameBytes}`);
  }
  return new Promise((resolve) => {
    const extra = outputs.slice(1).map(() => 'pipe' as const);
    const child = spawn(command, options.args, { stdio: ['pipe', 'pipe', 'pipe', ...extra], windowsHide: true });
    const cutters = outputs.map((output) => ({ output, frame: new Uint8Array(output.frameBytes), filled: 0, frames: 0 }));
    const pipes = [child.stdout, ...extra.map((_, k) => child.stdio[3 + k] as NodeJS.ReadableStream & { destroy(): void } | null)];
    let stderrTail = '';
    let ending: { kind: 'timeout' } | { kind: 'stopped'; reason: string } | { kind: 'failed'; error: unknown } | undefined;
    let spawnError: NodeJS.ErrnoException | undefined;

    const end = (why: NonNullable<typeof ending>) => {
      if (ending) return;
      ending = why;
      for (const pipe of pipes) pipe?.destroy();
      child.kill('SIGKILL');
    };
    const stop = (reason: string) => end({ kind: 'stopped', reason });
    const timer = setTimeout(() => end({ kind: 'timeout' }), options.timeoutMs);

    child.on('error', (err: NodeJS.ErrnoException) => {
      // Spawn failures (ENOENT, EACCES) arrive here, followed by 'close'.
      if (child.pid === undefined) spawnError = err;
    });
    child.stdin.on('error', () => {
      // EPIPE / ECONNRESET: the child exited or stopped reading early. Its exit status says why.
    });
    pipes.forEach((pipe, k) => {
      const cut = cutters[k]!;
      const { frameBytes, onFrame } = cut.output;
      pipe?.on('data', (chunk: Buffer) => {
        for (let at = 0; at < chunk.length && !ending; ) {
          const take = Math.min(frameBytes - cut.filled, chunk.length - at);
          cut.frame.set(chunk.subarray(at, at + take), cut.filled);
          cut.filled += take;
          at += take;
          if (cut.filled < frameBytes) break;
          cut.filled = 0;
          try {
            onFrame(cut.frame, cut.frames++, stop);
          } catch (error) {
            end({ kind: 'failed', error });
          }
        }
      });
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderrTail = (stderrTail + text).slice(-tailBytes);
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      if (spawnError) return resolve({ kind: 'spawn-failed', error: spawnError });
      const output = { frames: cutters[0]!.frames, moreFrames: cutters.slice(1).map((c) => c.frames), partialBytes: cutters.reduce((sum, c) => sum + c.filled, 0), stderrTail };
      if (ending) return resolve({ ...ending, ...output });
      resolve({ kind: 'exited', exitCode, signal, ...output });
    });

    child.stdin.end(options.stdin.length > 0 ? options.stdin : undefined);
  });
}
