/** One hashed frame of a video: the unit of every vPDQ serialisation. */
export interface VpdqFrame {
  /** 0-based index among the video's decoded frames. */
  readonly index: number;
  /** PDQ quality, 0–100. */
  readonly quality: number;
  /** PDQ hash, 64 lowercase hex digits. */
  readonly pdq: string;
  /** `index / fps` in seconds, kept to the millisecond. */
  readonly timestamp: number;
}

/** Frames under this PDQ quality are kept but never matched (pytx VPDQ_QUALITY_THRESHOLD). */
export const VPDQ_MIN_QUALITY = 50;
/** Two frames match within this many bits, inclusive (pytx VPDQ_DISTANCE_THRESHOLD). */
export const VPDQ_FRAME_DISTANCE = 31;
/** Most frames one value may hold (36 h at one a second), so a hostile value cannot exhaust memory. */
export const VPDQ_MAX_FRAMES = 1 << 17;
/** Largest frame index and millisecond timestamp the compact value can hold. */
export const VPDQ_MAX_UINT32 = 0xffffffff;

export const PDQ_HEX = /^[0-9a-f]{64}$/;

/** Seconds to whole milliseconds, ties to even (as C's `%.3f` rounds an exact tie such as 1/16 s). */
export function toMillis(seconds: number): number {
  const scaled = seconds * 1000;
  const down = Math.floor(scaled);
  const rest = scaled - down;
  if (rest === 0.5) return down % 2 === 0 ? down : down + 1;
  return rest < 0.5 ? down : down + 1;
}

/** A frame, with the timestamp rounded to the millisecond as every serialisation keeps it. */
export const vpdqFrame = (index: number, quality: number, pdq: string, seconds: number): VpdqFrame => ({
  index,
  quality,
  pdq,
  timestamp: toMillis(seconds) / 1000,
});

/** Why a frame list cannot be stored, or undefined when it can. */
export function frameListProblem(frames: readonly VpdqFrame[]): string | undefined {
  if (frames.length === 0) return 'it holds no frames';
  if (frames.length > VPDQ_MAX_FRAMES) return `it holds ${frames.length} frames, over ${VPDQ_MAX_FRAMES}`;
  let previous = -1;
  for (const [i, f] of frames.entries()) {
    const at = `frame ${i + 1}`;
    if (!PDQ_HEX.test(f.pdq)) return `${at}: the PDQ hash must be 64 lowercase hex digits`;
    if (!(Number.isInteger(f.quality) && f.quality >= 0 && f.quality <= 100)) return `${at}: quality ${f.quality} is not an integer from 0 to 100`;
    if (!(Number.isInteger(f.index) && f.index >= 0 && f.index <= VPDQ_MAX_UINT32)) return `${at}: frame index ${f.index} is not a 32-bit unsigned integer`;
    if (f.index <= previous) return `${at}: frame index ${f.index} does not follow ${previous}`;
    const ms = f.timestamp * 1000;
    if (!(Number.isFinite(ms) && ms >= 0 && toMillis(f.timestamp) <= VPDQ_MAX_UINT32)) return `${at}: timestamp ${f.timestamp} is not a time in seconds`;
    previous = f.index;
  }
  return undefined;
}
