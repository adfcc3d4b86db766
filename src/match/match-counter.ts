import { isoNow, systemClock, type Clock } from '../util/clock.js';

/** Where counts go: the store, or on SQLite a writer thread (see SqliteMatchCountWriter). */
export interface MatchCountSink {
  recordMatches(counts: ReadonlyMap<number, number>, at: string): Promise<void>;
}

/**
 * Counts matches per signal in memory and writes them in one transaction a second,
 * so counting never adds a database write to a match request's latency. Counts not
 * yet flushed when a process is killed are lost; counts are statistics, not
 * acknowledged data. A failed flush keeps the counts for the next one.
 */
const SLICE = 2000;

export class MatchCounter {
  private pending = new Map<number, number>();
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;

  constructor(
    private readonly store: MatchCountSink,
    private readonly intervalMs = 1000,
    private readonly clock: Clock = systemClock,
  ) {}

  add(signalId: number): void {
    this.pending.set(signalId, (this.pending.get(signalId) ?? 0) + 1);
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  async flush(): Promise<void> {
    await this.flushing;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = this.write(batch);
    await this.flushing;
  }

  /**
   * Writes in slices of a few thousand signals, one short transaction each, yielding to
   * the event loop between them: match requests keep being answered during a flush.
   */
  private async write(batch: Map<number, number>): Promise<void> {
    const at = isoNow(this.clock);
    const entries = [...batch];
    for (let i = 0; i < entries.length; i += SLICE) {
      const slice = new Map(entries.slice(i, i + SLICE));
      try {
        await this.store.recordMatches(slice, at);
      } catch {
        for (const [id, n] of slice) this.pending.set(id, (this.pending.get(id) ?? 0) + n);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }
}
