import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** What a run may be given; see `runProcess`. */
export interface RunOptions {
  readonly args: readonly string[];
  /** Bytes written to the child's stdin, which is then closed. An early exit (EPIPE) is not an error. */
  readonly stdin?: Uint8Array;
  /** Stdout is collected up to this many bytes; then the child is killed and the run ends as `capped`. */
  readonly maxStdoutBytes: number;
  /** Wall-clock limit; the child is killed when it passes. */
  readonly timeoutMs: number;
  /** Called with each complete stderr line; `stop` kills the child and ends the run as `stopped`. */
  readonly onStderrLine?: (line: string, stop: (reason: string) => void) => void;
  /**
   * Called with each piece of stdout as it arrives (within the cap), so a consumer can work
   * while the child still runs (it must not throw). The pieces are collected into `stdout` all the same.
   */
  readonly onStdout?: (chunk: Buffer) => void;
  /** Starts the child; defaults to a plain spawn (a `WarmSpare` hands over a started one). */
  readonly start?: (command: string, args: readonly string[]) => ChildProcessWithoutNullStreams;
  /** How much of the end of stderr to keep for messages. */
  readonly stderrTailBytes?: number;
}

interface RunOutput {
  readonly stdout: Buffer;
  /** The last few KB of stderr, for error messages. */
  readonly stderrTail: string;
}

/** How a run ended. Only `spawn-failed` has no output. */
export type RunResult =
  | ({ readonly kind: 'exited'; readonly exitCode: number | null; readonly signal: NodeJS.Signals | null } & RunOutput)
  | ({ readonly kind: 'capped' } & RunOutput)
  | ({ readonly kind: 'timeout' } & RunOutput)
  | ({ readonly kind: 'stopped'; readonly reason: string } & RunOutput)
  | { readonly kind: 'spawn-failed'; readonly error: NodeJS.ErrnoException };

/**
 * Runs a command with bytes on stdin, collecting stdout up to a cap, with a timeout and a
 * stderr tail. Never rejects: every ending is a `RunResult`, so callers map each kind to
 * their own errors. Memory is bounded by the cap plus the stderr tail. Shared by the
 * ffmpeg audio decoder and, later, the video frame decoder.
 *
 * @example
 *   const r = await runProcess('/usr/bin/ffmpeg', { args: ['-i', 'pipe:0', '-f', 's16le', 'pipe:1'],
 *     stdin: bytes, maxStdoutBytes: 1 << 20, timeoutMs: 10_000 });
 *   if (r.kind === 'exited' && r.exitCode === 0) use(r.stdout);
 */
export function runProcess(command: string, options: RunOptions): Promise<RunResult> {
  const tailBytes = options.stderrTailBytes ?? 4096;
  return new Promise((resolve) => {
    const child = options.start
      ? options.start(command, options.args)
      : spawn(command, options.args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const chunks: Buffer[] = [];
    let stdoutBytes = 0;
    let stderrTail = '';
    let pendingLine = '';
    let ending: { kind: 'capped' } | { kind: 'timeout' } | { kind: 'stopped'; reason: string } | undefined;
    let spawnError: NodeJS.ErrnoException | undefined;

    const end = (why: NonNullable<typeof ending>) => {
      if (ending) return;
      ending = why;
      child.stdout.destroy();
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => end({ kind: 'timeout' }), options.timeoutMs);

    child.on('error', (err: NodeJS.ErrnoException) => {
      // Spawn failures (ENOENT, EACCES) arrive here, followed by 'close'.
      if (child.pid === undefined) spawnError = err;
    });
    child.stdin.on('error', () => {
      // EPIPE / ECONNRESET: the child exited or stopped reading early. Its exit status says why.
    });
    child.stdout.on('data', (chunk: Buffer) => {
      if (ending) return;
      const room = options.maxStdoutBytes - stdoutBytes;
      if (chunk.length >= room) {
        if (room > 0) {
          chunks.push(chunk.subarray(0, room));
          options.onStdout?.(chunk.subarray(0, room));
        }
        stdoutBytes += Math.max(0, room);
        end({ kind: 'capped' });
        // The output is complete: answer now rather than after the killed child is reaped
        // (~10 ms for ffmpeg, whose ~200 shared libraries take a while to unmap).
        clearTimeout(timer);
        resolve({ kind: 'capped', stdout: Buffer.concat(chunks, stdoutBytes), stderrTail });
        return;
      }
      chunks.push(chunk);
      stdoutBytes += chunk.length;
      options.onStdout?.(chunk);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderrTail = (stderrTail + text).slice(-tailBytes);
      if (!options.onStderrLine || ending) return;
      const lines = (pendingLine + text).split(/\r?\n|\r/);
      pendingLine = lines.pop()!.slice(-tailBytes);
      for (const line of lines) {
        options.onStderrLine(line, (reason) => end({ kind: 'stopped', reason }));
        if (ending) return;
      }
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      if (spawnError) return resolve({ kind: 'spawn-failed', error: spawnError });
      const output = { stdout: Buffer.concat(chunks, stdoutBytes), stderrTail };
      if (ending) return resolve({ ...ending, ...output });
      resolve({ kind: 'exited', exitCode, signal, ...output });
    });

    child.stdin.end(options.stdin && options.stdin.length > 0 ? options.stdin : undefined);
  });
}
