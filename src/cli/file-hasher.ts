import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { ConcordError, toConcordError } from '../errors/concord-error.js';
import { ContentSource, type MediaPorts } from '../signals/content-source.js';
import type { ContentType } from '../signals/content-type.js';
import { hashContent } from '../signals/hash-content.js';
import type { SignalRegistry } from '../signals/signal-registry.js';
import type { HashedSignal, HashOptions, SkippedSignal } from '../signals/signal-type.js';
import type { WalkItem } from './file-walk.js';

export type FileResult =
  | { kind: 'hashed'; path: string; contentType: ContentType; signals: HashedSignal[]; skipped: SkippedSignal[] }
  | { kind: 'failed'; path: string; error: ConcordError };

/** Hashes one file; every failure becomes a coded result, never an exception. */
export async function hashFile(registry: SignalRegistry, ports: MediaPorts, item: WalkItem, options: HashOptions): Promise<FileResult> {
  const { path } = item;
  try {
    if (item.missing) throw new ConcordError('FILE_NOT_FOUND', `no such file or folder: ${path}`);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (err) {
      throw new ConcordError('FILE_UNREADABLE', `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    const content = new ContentSource(bytes, ports);
    const { signals, skipped } = await hashContent(registry, content, options);
    return { kind: 'hashed', path, contentType: content.contentType, signals, skipped };
  } catch (err) {
    return { kind: 'failed', path, error: toConcordError(err) };
  }
}

/**
 * Hashes files with a few in flight (decoding runs on libuv's pool), and hands results
 * to `emit` in input order so output is deterministic.
 */
export async function hashFiles(
  registry: SignalRegistry,
  ports: MediaPorts,
  items: readonly WalkItem[],
  options: HashOptions,
  emit: (result: FileResult) => void,
): Promise<void> {
  const width = Math.max(1, Math.min(availableParallelism(), 4));
  const pending = new Map<number, Promise<FileResult>>();
  let next = 0;
  const launch = () => {
    if (next < items.length) pending.set(next, hashFile(registry, ports, items[next]!, options)), next++;
  };
  for (let i = 0; i < width; i++) launch();
  for (let i = 0; i < items.length; i++) {
    const result = await pending.get(i)!;
    pending.delete(i);
    launch();
    emit(result);
  }
}
