import { execFileSync } from 'node:child_process';

/**
 * The worker processes a `concord serve --workers N` primary forked: its child processes.
 *
 * @example
 *   const pids = workerPids(node.pid!);   // [41235, 41236]
 */
export function workerPids(primaryPid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(primaryPid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when there are none
  }
}

/** Sends SIGKILL to a process that may already be gone. */
export function killNow(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}
