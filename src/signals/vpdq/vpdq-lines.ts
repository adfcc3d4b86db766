import { fail, ok, type Result } from '../../errors/result.js';
import { PDQ_HEX, toMillis, vpdqFrame, type VpdqFrame } from './vpdq-frame.js';

const INDEX = /^\d{1,10}$/;
const QUALITY = /^\d{1,3}$/;
const SECONDS = /^\d+(?:\.\d+)?$/;

/**
 * Parses the reference tool's output, one frame a line: `frameIndex,quality,pdqHex,timestamp`
 * (`0,100,dadb…,0.000`). Blank lines are skipped; hex may be upper case. A bad line
 * fails with SIGNAL_VALUE_INVALID naming its 1-based line number.
 *
 * @example
 *   parseVpdqLines('0,100,dadb…,0.000\n30,68,c8fe…,1.000\n');   // { ok: true, value: [{ index: 0, … }, { index: 30, … }] }
 */
export function parseVpdqLines(text: string): Result<VpdqFrame[]> {
  const frames: VpdqFrame[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const bad = (why: string) => fail<never>('SIGNAL_VALUE_INVALID', `vpdq line ${i + 1}: ${why}; expected "frameIndex,quality,pdqHex,timestamp"`);
    const fields = line.split(',').map((f) => f.trim());
    if (fields.length !== 4) return bad(`${fields.length} fields instead of 4`);
    const [index, quality, pdq, seconds] = fields as [string, string, string, string];
    if (!INDEX.test(index)) return bad(`frame index "${index.slice(0, 20)}" is not a whole number`);
    if (!QUALITY.test(quality) || Number(quality) > 100) return bad(`quality "${quality.slice(0, 20)}" is not a whole number from 0 to 100`);
    if (!PDQ_HEX.test(pdq.toLowerCase())) return bad('the PDQ hash is not 64 hex digits');
    if (!SECONDS.test(seconds)) return bad(`timestamp "${seconds.slice(0, 20)}" is not a number of seconds`);
    const previous = frames.at(-1);
    if (previous && Number(index) <= previous.index) return bad(`frame index ${index} does not follow ${previous.index}`);
    frames.push(vpdqFrame(Number(index), Number(quality), pdq.toLowerCase(), Number(seconds)));
  }
  if (frames.length === 0) return fail('SIGNAL_VALUE_INVALID', 'vpdq lines hold no frames');
  return ok(frames);
}

/** The reference tool's form: one `frameIndex,quality,pdqHex,timestamp` line a frame, timestamps to 3 decimals. */
export function toVpdqLines(frames: readonly VpdqFrame[]): string {
  return frames.map((f) => `${f.index},${f.quality},${f.pdq},${formatMillis(toMillis(f.timestamp))}\n`).join('');
}

/** Whole milliseconds as seconds with exactly 3 decimals, without float formatting. */
const formatMillis = (ms: number): string => `${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')}`;
