import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { NodeConfig } from '../config/node-config.js';
import { ConcordError } from '../errors/concord-error.js';
import { collectGarbage } from '../util/collect-garbage.js';

/** Uploads held at once above which their end is followed by a garbage collection. */
const LARGE_UPLOADS_BYTES = 32 * 1024 * 1024;

/**
 * Bytes of uploaded files the whole process holds at once. Every upload reserves from it
 * (its declared length up front, or chunk by chunk when it declares none), and the bytes
 * go back when its response is over. Admission is first come: with a 256 MB budget, two
 * 100 MB uploads proceed and a third is refused at once instead of all eight of a burst
 * filling memory together and failing together.
 *
 * @example
 *   const budget = new ByteBudget(256 * 1024 * 1024);
 *   if (!budget.tryReserve(100e6)) throw new ConcordError('UPLOAD_BUDGET_EXCEEDED', '…');
 */
export class ByteBudget {
  private held = 0;
  private heldSinceDrained = 0;
  /** `onDrained(bytes)`: the budget is empty again after holding up to `bytes` (the node then collects garbage). */
  constructor(
    readonly capacity: number,
    private readonly onDrained?: (bytes: number) => void,
  ) {}

  get inUse(): number {
    return this.held;
  }

  tryReserve(bytes: number): boolean {
    if (this.held + bytes > this.capacity) return false;
    this.held += bytes;
    this.heldSinceDrained = Math.max(this.heldSinceDrained, this.held);
    return true;
  }

  release(bytes: number): void {
    this.held = Math.max(0, this.held - bytes);
    if (this.held === 0 && this.heldSinceDrained > 0) {
      const peak = this.heldSinceDrained;
      this.heldSinceDrained = 0;
      this.onDrained?.(peak);
    }
  }
}

/** One request's share of the budget; grows as its file arrives, returned in one go. */
export class UploadReservation {
  private reserved = 0;
  constructor(readonly budget: ByteBudget) {}

  get bytes(): number {
    return this.reserved;
  }

  /** Makes the reservation cover `total` bytes, or throws UPLOAD_BUDGET_EXCEEDED. */
  cover(total: number): void {
    if (total <= this.reserved) return;
    if (!this.budget.tryReserve(total - this.reserved)) {
      throw new ConcordError(
        'UPLOAD_BUDGET_EXCEEDED',
        `uploads in progress hold ${this.budget.inUse} of the node's ${this.budget.capacity} bytes for uploads; this one needs ${total}; nothing was stored, retry in a few seconds`,
      );
    }
    this.reserved = total;
  }

  release(): void {
    this.budget.release(this.reserved);
    this.reserved = 0;
  }
}

const reservations = new WeakMap<FastifyRequest, UploadReservation>();

/** The budget share of a multipart request, or undefined when the app has no upload budget. */
export function reservationOf(request: FastifyRequest): UploadReservation | undefined {
  return reservations.get(request);
}

/**
 * Registers multipart parsing with the node's upload limits: one file per request, no
 * larger than `maxFileBytes` or the whole budget, and the process-wide byte budget.
 */
export async function registerUploads(app: FastifyInstance, config: Pick<NodeConfig, 'maxFileBytes' | 'uploadBudgetBytes'>): Promise<void> {
  await app.register(multipart, { limits: { fileSize: Math.min(config.maxFileBytes, config.uploadBudgetBytes), files: 1 } });
  // Once large uploads are over, their buffers are garbage: collect them then (debounced),
  // so the node returns to its resting size instead of waiting for allocation pressure.
  let collecting: NodeJS.Timeout | undefined;
  const budget = new ByteBudget(config.uploadBudgetBytes, (peak) => {
    if (peak < LARGE_UPLOADS_BYTES || collecting) return;
    collecting = setTimeout(() => {
      collecting = undefined;
      collectGarbage();
    }, 200);
    collecting.unref();
  });
  app.addHook('onRequest', async (request, reply) => {
    if (!request.headers['content-type']?.startsWith('multipart/')) return;
    const reservation = new UploadReservation(budget);
    reservations.set(request, reservation);
    // 'close' comes once a response is sent or the connection is gone, so the bytes
    // return however the request ends; the handler's copy is garbage by then.
    reply.raw.once('close', () => reservation.release());
  });
}
