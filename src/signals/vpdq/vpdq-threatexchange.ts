import { fail, ok, type Result } from '../../errors/result.js';
import { describeValue } from '../describe-value.js';
import { PDQ_HEX, vpdqFrame, type VpdqFrame } from './vpdq-frame.js';

/**
 * Parses the ThreatExchange / python-threatexchange VPDQ signal string: a JSON array of
 * `"pdqHex,quality,timestamp"` strings. The form carries no frame index, so frames are
 * numbered by position (0, 1, 2, …); matching never uses the index.
 *
 * @example
 *   parseThreatExchangeVpdq('["dadb…,100,0.0", "c8fe…,68,1.0"]');   // frames with index 0 and 1
 */
export function parseThreatExchangeVpdq(json: string): Result<VpdqFrame[]> {
  let items: unknown;
  try {
    items = JSON.parse(json);
  } catch {
    return fail('SIGNAL_VALUE_INVALID', `vpdq JSON does not parse; got ${describeValue(json)}`);
  }
  if (!Array.isArray(items)) return fail('SIGNAL_VALUE_INVALID', 'vpdq JSON must be an array of "pdqHex,quality,timestamp" strings');
  const frames: VpdqFrame[] = [];
  for (const [i, item] of items.entries()) {
    const bad = (why: string) => fail<never>('SIGNAL_VALUE_INVALID', `vpdq JSON item ${i + 1}: ${why}; expected "pdqHex,quality,timestamp"`);
    if (typeof item !== 'string') return bad('not a string');
    const fields = item.split(',').map((f) => f.trim());
    if (fields.length !== 3) return bad(`${fields.length} fields instead of 3`);
    const [pdq, quality, seconds] = fields as [string, string, string];
    if (!PDQ_HEX.test(pdq.toLowerCase())) return bad('the PDQ hash is not 64 hex digits');
    if (!/^\d{1,3}$/.test(quality) || Number(quality) > 100) return bad(`quality "${quality.slice(0, 20)}" is not a whole number from 0 to 100`);
    // Python's float(): "1.0", "12.3", "1.23e+02".
    if (!/^\d+(?:\.\d*)?(?:[eE][+-]?\d+)?$/.test(seconds) || !Number.isFinite(Number(seconds))) return bad(`timestamp "${seconds.slice(0, 20)}" is not a number of seconds`);
    frames.push(vpdqFrame(i, Number(quality), pdq.toLowerCase(), Number(seconds)));
  }
  if (frames.length === 0) return fail('SIGNAL_VALUE_INVALID', 'vpdq JSON holds no frames');
  return ok(frames);
}

/** The ThreatExchange form, exactly as python-threatexchange's `vpdq_to_json` writes it. */
export function toThreatExchangeVpdq(frames: readonly VpdqFrame[]): string {
  return JSON.stringify(frames.map((f) => `${f.pdq},${f.quality},${pythonFormat3(f.timestamp)}`)).replaceAll('","', '", "');
}

/**
 * Python's `format(x, '.3')` for x ≥ 0: 3 significant digits, trailing zeros dropped but
 * one decimal kept in fixed notation, scientific from 100 up or under 0.0001
 * (0 → "0.0", 1 → "1.0", 12.34 → "12.3", 123.4 → "1.23e+02", 1000 → "1e+03").
 * Exact ties round up here and to even in Python; the value only labels a frame.
 */
export function pythonFormat3(x: number): string {
  if (x === 0) return '0.0';
  const [mantissa, exp] = x.toExponential(2).split('e') as [string, string];
  const e = Number(exp);
  if (e < -4 || e >= 2) {
    const digits = mantissa.replace(/\.?0+$/, '');
    return `${digits}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  const fixed = x.toFixed(2 - e).replace(/0+$/, '');
  return fixed.endsWith('.') ? `${fixed}0` : fixed;
}
