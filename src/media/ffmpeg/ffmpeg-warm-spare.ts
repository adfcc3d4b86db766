import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Socket } from 'node:net';

/**
 * Starts the next ffmpeg before it is needed. Debian's ffmpeg links about 200 shared
 * libraries and spends ~50 ms resolving their symbols before it reads a byte, more than
 * decoding a minute of audio takes. A spare started after one file, with the same command
 * line, waits on stdin while the caller fingerprints and moves on, and the next file is
 * written straight into it. The spare never keeps the process alive (it is unref'd) and
 * ends by itself when this process exits and its stdin closes.
 *
 * @example
 *   const warm = new WarmSpare();
 *   const child = warm.take(ffmpeg, args);  // the spare if one matches, else a fresh spawn
 *   …
 *   warm.prepareSoon(ffmpeg, args);         // after the run: start the next one
 */
export class WarmSpare {
  private spare: { readonly key: string; readonly child: ChildProcessWithoutNullStreams; ended: boolean } | undefined;
  /** How many runs got a started spare (for tests and benchmarks). */
  handedOut = 0;

  /** A child running `command args`: the spare when it matches and is still waiting, else a new one. */
  take(command: string, args: readonly string[]): ChildProcessWithoutNullStreams {
    const spare = this.spare;
    this.spare = undefined;
    if (spare && spare.key === keyOf(command, args) && !spare.ended) {
      setRef(spare.child, true);
      this.handedOut++;
      return spare.child;
    }
    if (spare) spare.child.kill('SIGKILL');
    return spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
  }

  /**
   * Starts a spare for `command args` soon, unless one is waiting already. Deferred: a
   * spawn forks this process (a few ms), which should not delay the result just decoded.
   */
  prepareSoon(command: string, args: readonly string[]): void {
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

const keyOf = (command: string, args: readonly string[]): string => JSON.stringify([command, ...args]);

/** ref/unref the child and its pipes, so that a waiting spare does not hold the event loop open. */
function setRef(child: ChildProcessWithoutNullStreams, ref: boolean): void {
  for (const handle of [child, child.stdin as unknown as Socket, child.stdout as unknown as Socket, child.stderr as unknown as Socket]) {
    if (ref) handle.ref();
    else handle.unref();
  }
}
