import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Socket } from 'node:net';

/**
 * Starts the next ffmpeg before it is needed. Debian's ffmpeg links about 200 shared
 * libraries and spends ~50 ms resolving their symbols before it reads a byte, more than
 * decoding a minute of audio takes. A spare with the same command line, started ahead,
 * waits on stdin, and the next file is written straight into it.
 *
 * When to start it: after a file ends, a spare competes with nothing, but a file coming
 * within ~50 ms would wait for it. Started as a file begins, it gets through its start-up
 * on the other core meanwhile, but slows that file (by 15–30% on two cores, measured). So a file
 * taken within BATCH_GAP_MS of the previous one's end (a batch, a busy node) starts the next
 * spare as it begins; otherwise `release` starts it when the file ends.
 *
 * The spare never keeps the process alive (it is unref'd) and ends by itself when this
 * process exits and its stdin closes.
 *
 * @example
 *   const warm = new WarmSpare();
 *   const child = warm.take(ffmpeg, args);  // the spare if one matches, else a fresh spawn
 *   …
 *   warm.release(ffmpeg, args);             // the run is over: start the next one unless take did
 */
export class WarmSpare {
  private spare: { readonly key: string; readonly child: ChildProcessWithoutNullStreams; ended: boolean } | undefined;
  /** How many runs got a started spare (for tests and benchmarks). */
  handedOut = 0;
  private lastReleaseAt = -Infinity;

  /** Whether a spare is started and waiting (for tests). */
  get waiting(): boolean {
    return this.spare !== undefined && !this.spare.ended;
  }

  /**
   * A child running `command args`: the spare when it matches and is still waiting, else a
   * new one. In a batch (the previous run released under BATCH_GAP_MS ago) the next spare
   * starts now.
   */
  take(command: string, args: readonly string[]): ChildProcessWithoutNullStreams {
    const inBatch = performance.now() - this.lastReleaseAt < BATCH_GAP_MS;
    const spare = this.spare;
    this.spare = undefined;
    let child: ChildProcessWithoutNullStreams;
    if (spare && spare.key === keyOf(command, args) && !spare.ended) {
      setRef(spare.child, true);
      this.handedOut++;
      child = spare.child;
    } else {
      if (spare) spare.child.kill('SIGKILL');
      child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    }
    if (inBatch) this.prepareSoon(command, args);
    return child;
  }

  /** A run of `command args` is over: notes when, and starts the next spare unless one waits. */
  release(command: string, args: readonly string[]): void {
    this.lastReleaseAt = performance.now();
    this.prepareSoon(command, args);
  }

  /**
   * Starts a spare for `command args` soon, unless one is waiting already. Deferred: a
   * spawn forks this process (a few ms), which should not delay the run in hand.
   */
  private prepareSoon(command: string, args: readonly string[]): void {
    setImmediate(() => this.prepare(command, args)).unref();
  }

  /** Starts a spare for `command args` unless one is waiting already. */
  prepare(command: string, args: readonly string[]): void {
    const key = keyOf(command, args);
    if (this.spare && !this.spare.ended && this.spare.key === key) return;
    this.spare?.child.kill('SIGKILL');
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const spare: { key: string; child: ChildProcessWithoutNullStreams; ended: boolean } = { key, child, ended: false };
    this.spare = spare;
    const ended = () => {
      spare.ended = true;
    };
    // A spare that cannot start or dies while waiting is dropped; the next take spawns anew.
    child.on('error', ended);
    child.on('exit', ended);
    child.stdin.on('error', () => {});
    setRef(child, false);
  }

  /** Kills the waiting spare, if any. */
  close(): void {
    this.spare?.child.kill('SIGKILL');
    this.spare = undefined;
  }
}

/** A take this soon after a release is a batch (see the class comment): the spare's start-up is ~50 ms. */
const BATCH_GAP_MS = 100;

const keyOf = (command: string, args: readonly string[]): string => JSON.stringify([command, ...args]);

/** ref/unref the child and its pipes, so that a waiting spare does not hold the event loop open. */
function setRef(child: ChildProcessWithoutNullStreams, ref: boolean): void {
  for (const handle of [child, child.stdin as unknown as Socket, child.stdout as unknown as Socket, child.stderr as unknown as Socket]) {
    if (ref) handle.ref();
    else handle.unref();
  }
}
