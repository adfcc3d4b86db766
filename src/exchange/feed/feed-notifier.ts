/**
 * Wakes long-polling feed readers as soon as the feed grows. Commits in this process
 * wake them at once; commits by other processes on the same PostgreSQL are seen by a
 * light poll of the feed head.
 */
export class FeedNotifier {
  private readonly waiters = new Set<() => void>();
  private closed = false;

  constructor(private readonly head: () => Promise<number>, private readonly pollMs = 250) {}

  /** Call after every commit. */
  poke(): void {
    for (const wake of [...this.waiters]) wake();
  }

  /** Resolves when the feed head passes `afterSeq`, or after `ms`, or on close. */
  async waitBeyond(afterSeq: number, ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (!this.closed && Date.now() < deadline) {
      // Listen before looking: a commit that lands while the head is being read (another
      // connection of the pool) pokes this waiter, instead of going unheard until the poll.
      let done!: () => void;
      const woken = new Promise<void>((resolve) => {
        done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
      });
      const timer = setTimeout(done, Math.min(this.pollMs, Math.max(0, deadline - Date.now())));
      this.waiters.add(done);
      let beyond: boolean;
      try {
        beyond = (await this.head()) > afterSeq;
      } catch (err) {
        done();
        throw err;
      }
      if (beyond) {
        done(); // this round's waiter and timer go with it
        return;
      }
      await woken;
    }
  }

  /** Releases every waiter, so a closing server answers its long polls at once. */
  close(): void {
    this.closed = true;
    this.poke();
  }
}
