import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ConcordError } from '../errors/concord-error.js';
import { isErrorCode } from '../errors/error-catalogue.js';
import type { PdfTextExtractor } from './pdf-text-extractor.js';

export interface PdfIsolation {
  /** A PDF not read within this long of its arrival (waiting included) fails with MEDIA_TIMEOUT; its reader is ended. */
  readonly timeoutMs: number;
  /** Heap for pdf.js; a PDF that needs more is refused (MEDIA_CORRUPT) and its reader ended. */
  readonly maxHeapMb: number;
  /** Reader processes working at once (default 2). */
  readonly workers?: number;
  /** PDFs that may wait for a reader; one more is refused at once with BUSY (default 16). */
  readonly maxQueued?: number;
}

interface Job {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly arrived: number;
  readonly resolve: (text: string) => void;
  readonly reject: (err: ConcordError) => void;
  timer?: NodeJS.Timeout;
  /** The process reading it, once it has left the queue. */
  worker?: ChildProcess;
}

type Reply = { id: number; text?: string; error?: { code: string; message: string } };

/**
 * pdf.js in a small pool of child processes, each with a heap limit. pdf.js is JavaScript:
 * in the node's own thread a crafted PDF (deep object graphs, huge content streams) would
 * hold the event loop and every request behind it. Processes, not worker threads: on
 * Node 20 a worker thread that exhausts its heap while growing a Map aborts the whole
 * process, so a PDF that needs too much memory would take the node down with it.
 *
 * Each PDF's deadline runs from its arrival, not from when a reader takes it, so a hostile
 * PDF delays others by at most their own deadline; a reader past its PDF's deadline is
 * terminated and replaced on the next PDF, while the other readers carry on. The waiting
 * line is bounded: past it a PDF is refused with BUSY instead of waiting without end.
 *
 * @example
 *   const pdfs = new IsolatedPdfTextExtractor({ timeoutMs: 120_000, maxHeapMb: 512, workers: 2, maxQueued: 16 });
 *   const text = await pdfs.extractText(bytes);
 *   await pdfs.close();
 */
export class IsolatedPdfTextExtractor implements PdfTextExtractor {
  private readonly idle: ChildProcess[] = [];
  private readonly reading = new Map<ChildProcess, Job>();
  private readonly queue: Job[] = [];
  private nextId = 0;
  private closed = false;

  constructor(private readonly limits: PdfIsolation) {}

  private get poolSize(): number {
    return Math.max(1, this.limits.workers ?? 2);
  }

  extractText(bytes: Uint8Array): Promise<string> {
    if (this.closed) return Promise.reject(new ConcordError('BUSY', 'the PDF reader is shutting down; retry on another process'));
    const free = this.reading.size + this.queue.length < this.poolSize;
    if (!free && this.queue.length >= (this.limits.maxQueued ?? 16)) {
      return Promise.reject(new ConcordError('BUSY', `${this.reading.size} PDFs are being read and ${this.queue.length} are waiting, the most this node takes at once; nothing was stored, retry in a few seconds`));
    }
    return new Promise<string>((resolve, reject) => {
      const job: Job = { id: ++this.nextId, bytes, arrived: Date.now(), resolve, reject };
      job.timer = setTimeout(() => this.expire(job), this.limits.timeoutMs);
      this.queue.push(job);
      this.pump();
    });
  }

  /** Ends every reader process and refuses the PDFs still waiting. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.settle(job, () => job.reject(new ConcordError('BUSY', 'the PDF reader was shut down before this PDF was read')));
    const workers = [...this.idle.splice(0), ...this.reading.keys()];
    for (const [worker, job] of [...this.reading]) {
      this.reading.delete(worker);
      this.settle(job, () => job.reject(new ConcordError('BUSY', 'the PDF reader was shut down while reading this PDF')));
    }
    await Promise.all(workers.map(stop));
  }

  /** Hands waiting PDFs to idle readers, starting new ones up to the pool size. */
  private pump(): void {
    while (this.queue.length > 0 && (this.idle.length > 0 || this.reading.size < this.poolSize)) {
      const job = this.queue.shift()!;
      this.read(job, this.idle.pop() ?? this.spawn());
    }
  }

  private spawn(): ChildProcess {
    const worker = fork(fileURLToPath(new URL('./pdf-text-worker.js', import.meta.url)), [], {
      execArgv: [`--max-old-space-size=${this.limits.maxHeapMb}`],
      serialization: 'advanced', // bytes travel as bytes, not as JSON arrays
      // No stderr pipe: an open pipe is a handle that would keep an idle pool's process alive.
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    unref(worker); // an idle reader never keeps the process alive
    worker.on('message', (m: Reply) => {
      const job = this.reading.get(worker);
      if (!job || job.id !== m.id) return;
      this.reading.delete(worker);
      if (m.error) this.settle(job, () => job.reject(new ConcordError(isErrorCode(m.error!.code) ? m.error!.code : 'MEDIA_CORRUPT', m.error!.message)));
      else this.settle(job, () => job.resolve(m.text!));
      unref(worker);
      if (!this.closed) this.idle.push(worker);
      this.pump();
    });
    worker.on('error', (err: Error) => this.lose(worker, new ConcordError('MEDIA_CORRUPT', `the PDF reader failed: ${err.message}`)));
    // V8 aborts a process that runs out of heap: SIGABRT, or exit code 134 where a shell reports it.
    worker.on('exit', (code, signal) =>
      this.lose(
        worker,
        signal === 'SIGABRT' || code === 134
          ? new ConcordError('MEDIA_CORRUPT', `reading the PDF needed more than ${this.limits.maxHeapMb} MB: a decompression bomb or a broken file`)
          : new ConcordError('MEDIA_CORRUPT', 'the PDF reader stopped while reading this file'),
      ),
    );
    return worker;
  }

  private read(job: Job, worker: ChildProcess): void {
    job.worker = worker;
    this.reading.set(worker, job);
    worker.ref(); // keep the process alive while a PDF is being read
    worker.channel?.ref();
    worker.send({ id: job.id, bytes: job.bytes });
  }

  /** A reader died or failed: its PDF fails, the reader leaves the pool, the line moves on. */
  private lose(worker: ChildProcess, error: ConcordError): void {
    const idleAt = this.idle.indexOf(worker);
    if (idleAt >= 0) this.idle.splice(idleAt, 1);
    const job = this.reading.get(worker);
    this.reading.delete(worker);
    if (job) this.settle(job, () => job.reject(error));
    if (!this.closed) this.pump();
  }

  /** The deadline, counted from arrival: a waiting PDF leaves the line; a PDF being read has its reader ended. */
  private expire(job: Job): void {
    const waited = Date.now() - job.arrived;
    const error = new ConcordError('MEDIA_TIMEOUT', `reading the PDF's text took over ${this.limits.timeoutMs} ms from its arrival (${waited} ms) and was stopped`);
    const queuedAt = this.queue.indexOf(job);
    if (queuedAt >= 0) {
      this.queue.splice(queuedAt, 1);
      this.settle(job, () => job.reject(error));
      return;
    }
    const worker = job.worker;
    if (!worker || this.reading.get(worker) !== job) return;
    this.reading.delete(worker);
    this.settle(job, () => job.reject(error));
    void stop(worker);
    this.pump(); // a new reader takes the next PDF; the others are untouched
  }

  private settle(job: Job, fn: () => void): void {
    clearTimeout(job.timer);
    fn();
  }
}

function unref(worker: ChildProcess): void {
  worker.unref();
  worker.channel?.unref();
}

/** Kills a reader and waits for it to be gone. */
function stop(worker: ChildProcess): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    worker.once('exit', () => resolve());
    // An idle reader is unreferenced; waiting for its exit must hold the loop, or a caller
    // awaiting close() is left pending when nothing else keeps the process alive.
    worker.ref();
    worker.kill('SIGKILL');
  });
}
