import type { NodeProcess } from '../node-process.js';
import type { PostgresServer } from '../postgres-server.js';
import { killNow, workerPids } from './cluster-workers.js';
import type { SeededRandom } from './seeded-random.js';

/** Generous: on two shared cores under load, a primary with two workers has taken 30 s to start. */
const WHOLE_WITHIN_MS = 120_000;

export type FaultKind = 'worker' | 'database' | 'node';

/** One fault as it happened, for the report and for replaying a failure. */
export interface FaultRecord {
  readonly kind: FaultKind;
  /** Milliseconds since the run started. */
  readonly at: number;
  /** How long until the node served again with all its workers (and the database was back). */
  readonly recoveredMs: number;
}

/**
 * Kills parts of a node at random, one fault at a time, from a seeded schedule:
 * - `worker`: kill -9 one worker process; the cluster primary forks another;
 * - `database`: kill -9 PostgreSQL (postmaster and backends), then restart it on the same data;
 * - `node`: kill -9 the primary and every worker, as a crash of the machine would, then restart.
 *
 * @example
 *   const faults = new FaultInjector(node, 2, pg, new SeededRandom(seed));
 *   await faults.runFor(300_000);
 *   faults.records; // what was killed, when, and how long recovery took
 */
export class FaultInjector {
  readonly records: FaultRecord[] = [];
  private started = Date.now();

  constructor(
    private readonly node: NodeProcess,
    private readonly workers: number,
    private readonly pg: PostgresServer | undefined,
    private readonly rnd: SeededRandom,
    private readonly log: (line: string) => void = () => {},
  ) {}

  /** Injects faults until `ms` have passed, then leaves the node whole and serving. */
  async runFor(ms: number): Promise<void> {
    this.started = Date.now();
    const end = this.started + ms;
    for (;;) {
      // The schedule comes from the seed alone: a seed replays the same faults, outage lengths and pauses
      // (each pause counted from the recovery of the fault before, so absolute times drift with recovery).
      const pause = this.rnd.int(3_000, 12_000);
      const kind = this.rnd.weighted<FaultKind>(this.pg ? { worker: 5, database: 3, node: 2 } : { worker: 7, database: 0, node: 3 });
      const downMs = this.rnd.int(200, 3_000);
      if (Date.now() + pause >= end) break;
      await new Promise((r) => setTimeout(r, pause));
      const at = Date.now() - this.started;
      this.log(`fault at ${at} ms: ${kind}${kind === 'worker' ? '' : `, down ${downMs} ms`}`);
      await this.inject(kind, downMs);
      this.records.push({ kind, at, recoveredMs: Date.now() - this.started - at });
    }
    await new Promise((r) => setTimeout(r, Math.max(0, end - Date.now())));
  }

  count(kind: FaultKind): number {
    return this.records.filter((r) => r.kind === kind).length;
  }

  private async inject(kind: FaultKind, downMs: number): Promise<void> {
    if (kind === 'worker') {
      const pids = workerPids(this.node.pid!);
      if (pids.length > 0) killNow(this.rnd.pick(pids));
    } else if (kind === 'database') {
      await this.pg!.kill();
      await new Promise((r) => setTimeout(r, downMs));
      await this.resumeDatabase();
    } else {
      const pids = workerPids(this.node.pid!);
      await this.node.kill('SIGKILL');
      for (const pid of pids) killNow(pid);
      await new Promise((r) => setTimeout(r, downMs));
      await this.node.restart().catch((err: Error) => {
        // On a loaded machine a primary and its workers can take longer than restart() waits; untilWhole waits on.
        if (!/did not become healthy/.test(err.message)) throw err;
      });
    }
    await this.untilWhole();
  }

  /** A restart right after a crash can race the old server's exit: try again a few times. */
  private async resumeDatabase(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.pg!.resume();
      } catch (err) {
        if (attempt === 3) throw err;
      }
    }
  }

  /** Until the primary has all its workers again and the node answers its health check. */
  private async untilWhole(): Promise<void> {
    const deadline = Date.now() + WHOLE_WITHIN_MS;
    for (;;) {
      const whole = workerPids(this.node.pid!).length >= this.workers;
      const healthy = whole && (await fetch(`${this.node.url}/healthz`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.ok, () => false));
      if (healthy) return;
      if (Date.now() > deadline) throw new Error(`the node was not whole again ${WHOLE_WITHIN_MS} ms after a fault: ${this.node.output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
