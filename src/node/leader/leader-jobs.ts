/**
 * Work only one process of a node may do at a time: pulling partners' feeds, scheduled
 * jobs. A job starts when its process becomes the leader and stops when it stops leading
 * (lease lost, shutdown); it may be started again later, so `start` builds fresh state.
 *
 * @example
 *   jobs.register({ name: 'nightly-report', start: () => timer.start(), stop: async () => timer.stop() });
 */
export interface LeaderJob {
  readonly name: string;
  start(): void | Promise<void>;
  stop(): Promise<void>;
}

/** The jobs the leader runs; others register theirs at the composition root. */
export class LeaderJobs {
  private readonly jobs: LeaderJob[] = [];
  private running = false;

  constructor(private readonly log?: (fields: Record<string, unknown>, message: string) => void) {}

  /** Adds a job; it starts at once if this process already leads. */
  async register(job: LeaderJob): Promise<void> {
    this.jobs.push(job);
    if (this.running) await this.startOne(job);
  }

  get active(): boolean {
    return this.running;
  }

  async startAll(): Promise<void> {
    if (this.running) return;
    this.running = true;
    for (const job of this.jobs) await this.startOne(job);
  }

  async stopAll(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    // One job failing to stop must not keep the others running.
    await Promise.all(this.jobs.map((job) => job.stop().catch((err: Error) => this.log?.({ job: job.name, err: err.message }, 'leader job failed to stop'))));
  }

  private async startOne(job: LeaderJob): Promise<void> {
    try {
      await job.start();
    } catch (err) {
      this.log?.({ job: job.name, err: (err as Error).message }, 'leader job failed to start');
    }
  }
}
