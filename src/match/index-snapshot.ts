import { closeSync, existsSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';

const MAGIC = 'CONCORD-INDEX-SNAPSHOT-1\n';
const CHUNK = 100_000;

/** Splits newline-separated UTF-8 a piece at a time, never making one giant string. */
function splitLines(text: Buffer): string[] {
  const out: string[] = [];
  const piece = 16 * 1024 * 1024;
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + piece);
    if (end < text.length) end = text.lastIndexOf(0x0a, end) ;
    if (end <= start) end = text.indexOf(0x0a, start) < 0 ? text.length : text.indexOf(0x0a, start);
    for (const line of text.subarray(start, end).toString('utf8').split('\n')) out.push(line);
    start = end + 1;
  }
  return out;
}

/** What a snapshot holds: every indexed value by type, and every signal's status code, as of one change-log position. */
export interface IndexSnapshot {
  /** The store it was taken from (a random id the store keeps), so a snapshot never feeds another database. */
  readonly instance: string;
  readonly changeSeq: number;
  readonly byType: ReadonlyMap<string, { readonly ids: Uint32Array; readonly values: readonly string[] }>;
  readonly status: Uint8Array;
}

/**
 * A start-up cache of the in-memory index: reading it takes milliseconds where scanning
 * the store takes seconds per million signals. It is never the truth: after loading it,
 * the node catches up from the store's change log, and a snapshot of another store, or
 * one ahead of the store, is ignored. Written to a temp file and renamed, so a crash
 * mid-write leaves the old one.
 *
 * Layout: magic line, JSON header line, then per type its ids (uint32 LE) and its values
 * joined by "\n" (values are single tokens), then the status bytes.
 */
export function writeIndexSnapshot(path: string, snapshot: IndexSnapshot): void {
  // Joined in chunks: ten million values in one string would pass V8's string length limit.
  const types = [...snapshot.byType].map(([type, { ids, values }]) => {
    const parts: Buffer[] = [];
    for (let i = 0; i < values.length; i += CHUNK) parts.push(Buffer.from((i ? '\n' : '') + values.slice(i, i + CHUNK).join('\n'), 'utf8'));
    const text = Buffer.concat(parts);
    return { type, count: ids.length, ids, text };
  });
  const header = {
    instance: snapshot.instance,
    changeSeq: snapshot.changeSeq,
    types: types.map((t) => ({ type: t.type, count: t.count, textBytes: t.text.length })),
    statusBytes: snapshot.status.length,
  };
  const tmp = `${path}.${process.pid}.tmp`; // several worker processes may write at once
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, MAGIC + JSON.stringify(header) + '\n');
    for (const t of types) {
      writeSync(fd, new Uint8Array(t.ids.buffer, t.ids.byteOffset, t.ids.byteLength));
      writeSync(fd, t.text);
    }
    writeSync(fd, snapshot.status);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** Reads a snapshot; undefined when absent, unreadable, or of another store. */
export function readIndexSnapshot(path: string, instance: string): IndexSnapshot | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const buf = readFileSync(path);
    if (buf.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) return undefined;
    const headerEnd = buf.indexOf(0x0a, MAGIC.length);
    const header = JSON.parse(buf.subarray(MAGIC.length, headerEnd).toString('utf8')) as {
      instance: string;
      changeSeq: number;
      types: { type: string; count: number; textBytes: number }[];
      statusBytes: number;
    };
    if (header.instance !== instance) return undefined;
    let at = headerEnd + 1;
    const byType = new Map<string, { ids: Uint32Array; values: string[] }>();
    for (const t of header.types) {
      const ids = new Uint32Array(t.count);
      new Uint8Array(ids.buffer).set(buf.subarray(at, at + t.count * 4));
      at += t.count * 4;
      const values = t.count === 0 ? [] : splitLines(buf.subarray(at, at + t.textBytes));
      at += t.textBytes;
      if (values.length !== t.count) return undefined;
      byType.set(t.type, { ids, values });
    }
    const status = new Uint8Array(header.statusBytes);
    status.set(buf.subarray(at, at + header.statusBytes));
    if (at + header.statusBytes !== buf.length) return undefined;
    return { instance, changeSeq: header.changeSeq, byType, status };
  } catch {
    return undefined;
  }
}
