import { randomUUID } from 'node:crypto';
import type { Clock } from '../../util/clock.js';
import type { LeaderJobs } from './leader-jobs.js';
import type { LeaderLease } from './leader-lease.js';

export interface ElectionOptions {
  /** How long a lease lasts without renewal: a dead leader is replaced within ttlMs + intervalMs. */
  readonly ttlMs: number;
  /** How often every process tries to take (or, holding it, renews) the lease. */
  readonly intervalMs: number;
}

export const DEFAULT_ELECTION: ElectionOptions = { ttlMs: 5000, intervalMs: 1000 };

/**
 * Every process of a node runs one: it tries for the lease every `intervalMs`, runs the
 * leader jobs while it holds the lease, and stops them when it loses it. A renewal that
 * fails because the database is away keeps the jobs running only until the lease the
 * process last wrote expires (by then another process may have taken over).
 *
 * @example
 *   const election = new LeaderElection(new RowLease(store.db, systemClock), jobs, systemClock);
 *   election.start();  // … at shutdown: await election.stop();
 */
export class LeaderElection {
  readonly self = { holder: `${process.pid}-${randomUUID().slice(0, 8)}`, pid: process.pid };
  private heldUntil = 0;
  private timer?: NodeJS.Timeout;
  private ticking: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly lease: LeaderLease, private readonly jobs: LeaderJobs, private readonly clock: Clock, private readonly options: ElectionOptions = DEFAULT_ELECTION) {}

  get isLeader(): boolean {
    return this.jobs.active;
  }

  start(): void {
    const loop = async () => {
      await this.tick();
      if (!this.stopped) {
        this.timer = setTimeout(() => void loop(), this.options.intervalMs);
        this.timer.unref();
      }
    };
    void loop();
  }

  /** One attempt: take or renew the lease, then start or stop the jobs to match. Serialised. */
  tick(): Promise<void> {
    this.ticking = this.ticking.then(async () => {
      if (this.stopped) return;
      let held: boolean;
      const at = this.clock.now();
      try {
        held = await this.lease.tryAcquire(this.self, this.options.ttlMs);
        if (held) this.heldUntil = at + this.options.ttlMs;
      } catch {
        held = this.clock.now() < this.heldUntil; // no answer: what we last wrote still stands until it expires
      }
      if (held && !this.jobs.active && !this.stopped) await this.jobs.startAll();
      if (!held && this.jobs.active) {
        this.heldUntil = 0;
        await this.jobs.stopAll();
      }
    });
    return this.ticking;
  }

  /** Stops the jobs and releases the lease, so another process takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
    const wasLeader = this.jobs.active;
    await this.jobs.stopAll();
    if (wasLeader) await this.lease.release(this.self.holder).catch(() => undefined);
    await this.lease.close();
  }
}
