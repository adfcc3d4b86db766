import { Worker } from 'node:worker_threads';
import { ConcordError } from '../../errors/concord-error.js';
import type { MatchCountSink } from '../../match/match-counter.js';

/**
 * Writes match counts to a SQLite file from a thread of its own. better-sqlite3 is
 * synchronous, so a second's counts of a busy node (thousands of UPDATEs and a commit)
 * written from the request thread would stall every match request behind them.
 */
export class SqliteMatchCountWriter implements MatchCountSink {
  private readonly worker: Worker;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();

  constructor(file: string) {
    this.worker = new Worker(new URL('./sqlite-count-worker.js', import.meta.url), { workerData: { file } });
    this.worker.unref();
    this.worker.on('message', ({ id, error }: { id: number; error?: string }) => {
      const waiter = this.pending.get(id);
      this.pending.delete(id);
      if (error) waiter?.reject(new ConcordError('STORE_UNAVAILABLE', `match counts not written: ${error}`));
      else waiter?.resolve();
    });
    this.worker.on('error', (err) => {
      for (const waiter of this.pending.values()) waiter.reject(new ConcordError('STORE_UNAVAILABLE', `match count writer failed: ${err.message}`));
      this.pending.clear();
    });
  }

  recordMatches(counts: ReadonlyMap<number, number>, at: string): Promise<void> {
    if (counts.size === 0) return Promise.resolve();
    const id = ++this.nextId;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, entries: [...counts], at });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
