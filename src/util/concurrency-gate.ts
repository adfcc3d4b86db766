import { ConcordError } from '../errors/concord-error.js';

export interface GateLimits {
  /** Calls that run at once. */
  readonly concurrency: number;
  /** Calls that may wait for a turn; one more is refused with BUSY at once. */
  readonly maxWaiting: number;
}

/**
 * A counting semaphore with a bounded waiting line, for work whose memory grows with
 * how many run at once (decoding and hashing media). A call past the line is refused
 * with BUSY straight away rather than queued without end: a burst of hostile uploads
 * then costs at most `concurrency` decodes of memory, and callers learn to retry
 * instead of holding a connection open for minutes.
 *
 * @example
 *   const gate = new ConcurrencyGate({ concurrency: 2, maxWaiting: 8 }, 'decode');
 *   const hashed = await gate.run(() => hashContent(registry, content));
 */
export class ConcurrencyGate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly limits: GateLimits,
    private readonly what: string,
  ) {
    if (limits.concurrency < 1) throw new RangeError('a gate needs a concurrency of at least 1');
  }

  /** Calls running now, and calls waiting for a turn. */
  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limits.concurrency) {
      if (this.waiting.length >= this.limits.maxWaiting) {
        throw new ConcordError(
          'BUSY',
          `${this.what}: ${this.active} running and ${this.waiting.length} waiting, the most this node takes at once; nothing was stored, retry in a few seconds`,
        );
      }
      // The slot is handed over by the call that ends, so `active` never dips below the limit.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
