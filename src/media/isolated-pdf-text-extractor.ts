import { Worker } from 'node:worker_threads';
import { ConcordError } from '../errors/concord-error.js';
import { isErrorCode } from '../errors/error-catalogue.js';
import type { PdfTextExtractor } from './pdf-text-extractor.js';

export interface PdfIsolation {
  /** A PDF whose text takes longer than this is abandoned (MEDIA_TIMEOUT) and its thread ended. */
  readonly timeoutMs: number;
  /** Heap for pdf.js; a PDF that needs more is refused (MEDIA_CORRUPT) and its thread ended. */
  readonly maxHeapMb: number;
}

/**
 * pdf.js in a worker thread of its own, with a deadline and a heap limit. pdf.js is
 * JavaScript: in the node's own thread a crafted PDF (deep object graphs, huge content
 * streams) would hold the event loop and every request behind it. Here the worker is
 * terminated on a timeout or when it runs out of memory, and the next PDF gets a new one.
 */
export class IsolatedPdfTextExtractor implements PdfTextExtractor {
  private worker?: Worker;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 0;

  constructor(private readonly limits: PdfIsolation) {}

  extractText(bytes: Uint8Array): Promise<string> {
    const run = this.queue.then(() => this.extractNow(bytes));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Ends the worker thread, if one is running. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private spawn(): Worker {
    const worker = new Worker(new URL('./pdf-text-worker.js', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: this.limits.maxHeapMb } });
    worker.unref(); // an idle extractor never keeps the process alive
    return worker;
  }

  private extractNow(bytes: Uint8Array): Promise<string> {
    const worker = (this.worker ??= this.spawn());
    const id = ++this.nextId;
    return new Promise<string>((resolve, reject) => {
      const done = (fn: () => void) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        worker.unref();
        fn();
      };
      const abandon = (error: ConcordError) => {
        if (this.worker === worker) this.worker = undefined;
        void worker.terminate();
        done(() => reject(error));
      };
      const onMessage = (m: { id: number; text?: string; error?: { code: string; message: string } }) => {
        if (m.id !== id) return;
        if (m.error) done(() => reject(new ConcordError(isErrorCode(m.error!.code) ? m.error!.code : 'MEDIA_CORRUPT', m.error!.message)));
        else done(() => resolve(m.text!));
      };
      const onError = (err: Error & { code?: string }) =>
        abandon(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new ConcordError('MEDIA_CORRUPT', `reading the PDF needed more than ${this.limits.maxHeapMb} MB: a decompression bomb or a broken file`)
            : new ConcordError('MEDIA_CORRUPT', `the PDF reader failed: ${err.message}`),
        );
      const onExit = () => abandon(new ConcordError('MEDIA_CORRUPT', 'the PDF reader stopped while reading this file'));
      const timer = setTimeout(() => abandon(new ConcordError('MEDIA_TIMEOUT', `reading the PDF's text took over ${this.limits.timeoutMs} ms and was stopped`)), this.limits.timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.ref(); // keep the process alive while a PDF is being read
      worker.postMessage({ id, bytes });
    });
  }
}
