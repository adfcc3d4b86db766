import { createHash } from 'node:crypto';
import { mkdir, readdir, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../util/clock.js';

/**
 * Keeps the bytes of finds for partners that must (evidence for a takedown or a court),
 * content-addressed by SHA-256 so the same file seen twice is stored once. Each file's
 * modification time is when it was last kept; `expire` deletes those older than the
 * retention period. Without an evidence store the monitor discards every byte it fetched.
 *
 * @example
 *   const evidence = new EvidenceStore(dir, 90 * 86_400_000, clock);
 *   const sha = await evidence.keep(bytes);   // <dir>/<sha256>
 *   await evidence.expire();                   // run daily by the monitor job
 */
export class EvidenceStore {
  constructor(
    readonly dir: string,
    readonly retentionMs: number,
    private readonly clock: Clock,
  ) {}

  async keep(bytes: Uint8Array): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const path = join(this.dir, sha256);
    await writeFile(path, bytes, { flag: 'w', mode: 0o600 });
    const at = new Date(this.clock.now());
    await utimes(path, at, at);
    return sha256;
  }

  /** Deletes evidence kept longer than the retention period; returns how many files went. */
  async expire(): Promise<number> {
    const cutoff = this.clock.now() - this.retentionMs;
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return 0;
    }
    let removed = 0;
    for (const name of names) {
      if (!/^[0-9a-f]{64}$/.test(name)) continue;
      const path = join(this.dir, name);
      if ((await stat(path)).mtimeMs < cutoff) {
        await unlink(path);
        removed++;
      }
    }
    return removed;
  }
}
