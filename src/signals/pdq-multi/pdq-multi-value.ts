import { fail, ok, type Result } from '../../errors/result.js';
import { describeValue as describe } from '../describe-value.js';
import { SLOTS, type Slot } from './pdq-multi-slots.js';

/** A parsed `pdq_multi` value: slot → 64 lowercase hex digits, in canonical slot order. */
export type MultiValue = ReadonlyMap<Slot, string>;

const PART = /^([a-z0-9]+):([0-9a-f]{64})$/;
const KNOWN = new Set<string>(SLOTS);

/**
 * Parses and normalises `f:<hex>.b:<hex>.c90:<hex>…`: lower case, slots in canonical
 * order (SLOTS), each at most once, `f` required. One token with no commas or spaces,
 * so it travels in CSV and on the feed like any other value.
 *
 * @example
 *   parseMultiValue('B:ab…ab.F:cd…cd'); // ok: 'f:cd…cd.b:ab…ab'
 */
export function parseMultiValue(raw: string): Result<{ value: string; slots: MultiValue }> {
  const text = raw.trim().toLowerCase();
  const slots = new Map<Slot, string>();
  for (const part of text.split('.')) {
    const m = PART.exec(part);
    if (!m) return fail('SIGNAL_VALUE_INVALID', `pdq_multi must be slot:hash parts (64 hex digits each) joined by '.', got ${describe(raw)}`);
    if (!KNOWN.has(m[1]!)) return fail('SIGNAL_VALUE_INVALID', `pdq_multi slot '${m[1]}' is not one of ${SLOTS.join(', ')}`);
    if (slots.has(m[1] as Slot)) return fail('SIGNAL_VALUE_INVALID', `pdq_multi slot '${m[1]}' appears twice`);
    slots.set(m[1] as Slot, m[2]!);
  }
  if (!slots.has('f')) return fail('SIGNAL_VALUE_INVALID', "pdq_multi needs the whole-image slot 'f'");
  const ordered = new Map(SLOTS.filter((s) => slots.has(s)).map((s) => [s, slots.get(s)!] as const));
  return ok({ value: formatMultiValue(ordered), slots: ordered });
}

/** Writes slots in canonical order. */
export function formatMultiValue(slots: ReadonlyMap<Slot, string> | readonly { slot: Slot; hash: string }[]): string {
  const map = slots instanceof Map ? slots : new Map((slots as readonly { slot: Slot; hash: string }[]).map((s) => [s.slot, s.hash] as const));
  return SLOTS.filter((s) => map.has(s)).map((s) => `${s}:${map.get(s)}`).join('.');
}
