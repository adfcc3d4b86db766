/**
 * ffmpeg cannot seek in a pipe, so an MP4/MOV whose index (`moov` box) comes after the
 * media data (`mdat`) — ffmpeg's and most cameras' default — decodes to nothing from
 * stdin ("partial file"). This moves `moov` in memory to just before the first `mdat`
 * and shifts the chunk offsets (`stco`/`co64`) that point past the insertion point,
 * as `qt-faststart` does, so the file can be streamed with no temp file.
 *
 * Returns the input unchanged when it is not ISO-BMFF, is fragmented (`moof`), already
 * has `moov` first, or cannot be rewritten safely (a 32-bit offset would overflow).
 *
 * @example
 *   const streamable = moovFirst(bytes);   // same bytes when nothing needs moving
 */
export function moovFirst(bytes: Uint8Array): Uint8Array {
  const boxes = topLevelBoxes(bytes);
  if (!boxes || boxes.some((b) => b.type === 'moof')) return bytes;
  const moov = boxes.find((b) => b.type === 'moov');
  const mdat = boxes.find((b) => b.type === 'mdat');
  if (!moov || !mdat || moov.start < mdat.start) return bytes;

  const insertAt = mdat.start;
  const moovSize = moov.end - moov.start;
  // A copy: Buffer#slice would be a view, and the caller's bytes must not change.
  const moved = Uint8Array.prototype.slice.call(bytes, moov.start, moov.end);
  const shift = (offset: number): number => (offset >= insertAt && offset < moov.start ? offset + moovSize : offset);
  if (!patchOffsets(moved, 0, moved.length, shift)) return bytes;

  const out = new Uint8Array(bytes.length);
  out.set(bytes.subarray(0, insertAt), 0);
  out.set(moved, insertAt);
  out.set(bytes.subarray(insertAt, moov.start), insertAt + moovSize);
  out.set(bytes.subarray(moov.end), moov.end);
  return out;
}

interface Box {
  readonly type: string;
  readonly start: number;
  /** Where the payload begins (after the 8- or 16-byte header). */
  readonly body: number;
  readonly end: number;
}

const fourcc = (b: Uint8Array, at: number): string => String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);
const u32 = (b: Uint8Array, at: number): number => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

/** The box at `at` within [.., limit), or undefined when its header is malformed. */
function boxAt(b: Uint8Array, at: number, limit: number): Box | undefined {
  if (at + 8 > limit) return undefined;
  let size = u32(b, at);
  let body = at + 8;
  if (size === 1) {
    if (at + 16 > limit) return undefined;
    size = u32(b, at + 8) * 2 ** 32 + u32(b, at + 12);
    body = at + 16;
  } else if (size === 0) size = limit - at;
  if (size < body - at || at + size > limit) return undefined;
  return { type: fourcc(b, at + 4), start: at, body, end: at + size };
}

function topLevelBoxes(b: Uint8Array): Box[] | undefined {
  const boxes: Box[] = [];
  for (let at = 0; at < b.length; ) {
    const box = boxAt(b, at, b.length);
    if (!box) return boxes.length > 0 && boxes[0]!.type === 'ftyp' ? boxes : undefined;
    boxes.push(box);
    at = box.end;
  }
  return boxes;
}

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl']);

/** Rewrites every stco/co64 entry under [from, to) with `shift`; false if one would overflow. */
function patchOffsets(b: Uint8Array, from: number, to: number, shift: (offset: number) => number): boolean {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let at = from; at < to; ) {
    const box = boxAt(b, at, to);
    if (!box) return true;
    if (CONTAINERS.has(box.type)) {
      if (!patchOffsets(b, box.body, box.end, shift)) return false;
    } else if (box.type === 'stco' || box.type === 'co64') {
      const wide = box.type === 'co64';
      const count = box.body + 8 <= box.end ? view.getUint32(box.body + 4) : 0;
      const entry = wide ? 8 : 4;
      for (let i = 0, p = box.body + 8; i < count && p + entry <= box.end; i++, p += entry) {
        if (wide) {
          const next = shift(view.getUint32(p) * 2 ** 32 + view.getUint32(p + 4));
          view.setUint32(p, Math.floor(next / 2 ** 32));
          view.setUint32(p + 4, next >>> 0);
        } else {
          const next = shift(view.getUint32(p));
          if (next > 0xffffffff) return false;
          view.setUint32(p, next);
        }
      }
    }
    at = box.end;
  }
  return true;
}
