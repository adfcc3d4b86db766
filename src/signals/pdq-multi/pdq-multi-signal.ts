import { ConcordError } from '../../errors/concord-error.js';
import type { ContentSource } from '../content-source.js';
import type { HashedSignal, SignalType } from '../signal-type.js';
import { PDQ_MIN_SIDE } from '../pdq/pdq-hasher.js';
import { undoOps } from './pdq-multi-dihedral.js';
import { multiDistance } from './pdq-multi-evidence.js';
import { multiHash, SLOT_MIN_QUALITY } from './pdq-multi-hasher.js';
import { PdqMultiIndex } from './pdq-multi-index.js';
import { formatMultiValue, parseMultiValue } from './pdq-multi-value.js';

/**
 * Largest distance that matches, chosen from the robustness bench's curves
 * (`npm run bench:robustness`; docs/signals.md): over 1.15 million impostor pairs the
 * nearest was 38 once a band found through an alternate counts only to 24
 * (pdq-multi-evidence.ts), and genuine copies gain nothing past 24. PDQ's own threshold,
 * 7 bits below the nearest impostor seen.
 */
export const PDQ_MULTI_THRESHOLD = 31;
/** The alternate of a copy's exact region (pdq-multi-region.ts EXACT), looked up as a whole image. */
export const EXACT_TRIM_VARIANT = 'trim:exact';

/**
 * `pdq_multi`: PDQ-style hashes of an image's whole frame, content region, middle band
 * and crop windows in one value (`f:<hex>.b:<hex>.c90:<hex>…`), so that a copy with a
 * border, letterbox, app frame, caption bar, crop, mirror or turn still matches. The
 * distance is the smallest Hamming distance over the compared slot pairs (PAIRS); a
 * query also looks up its seven turned and mirrored forms (alternates `dihedral:*`).
 *
 * @example
 *   const v = pdqMultiSignal.validate('f:F8F8….b:00ff…'); // { ok: true, value: 'f:f8f8….b:00ff…' }
 */
export const pdqMultiSignal: SignalType = {
  name: 'pdq_multi',
  contentTypes: ['photo'],
  threshold: PDQ_MULTI_THRESHOLD,
  maxDistance: 256,
  validate(raw) {
    const parsed = parseMultiValue(raw);
    return parsed.ok ? { ok: true, value: parsed.value.value } : parsed;
  },
  distance(a, b) {
    const x = parseMultiValue(a);
    const y = parseMultiValue(b);
    if (!x.ok || !y.ok) throw new ConcordError('SIGNAL_VALUE_INVALID', 'pdq_multi distance of an invalid value');
    return multiDistance(x.value.slots, y.value.slots, 256);
  },
  createIndex: () => new PdqMultiIndex(),
  async hash(content: ContentSource): Promise<HashedSignal> {
    const image = await content.image();
    if (image.width < PDQ_MIN_SIDE || image.height < PDQ_MIN_SIDE) {
      throw new ConcordError('MEDIA_TOO_SMALL', `image is ${image.width}×${image.height}; pdq_multi needs at least ${PDQ_MIN_SIDE}×${PDQ_MIN_SIDE}`);
    }
    const { slots, region, plane, exact } = multiHash(image);
    const whole = slots.find((s) => s.slot === 'f')!;
    return {
      type: 'pdq_multi',
      value: formatMultiValue(slots),
      quality: whole.quality,
      // Matchable when any slot is: a flat frame around a busy picture still matches through `r`.
      matchable: slots.some((s) => s.quality >= SLOT_MIN_QUALITY),
      details: { region: { x: region.x0 / plane.width, y: region.y0 / plane.height, width: (region.x1 - region.x0) / plane.width, height: (region.y1 - region.y0) / plane.height } },
      // Always: mirrored and turned copies are among the commonest evasions, and the lookups cost little.
      alternates: [
        ...[...undoOps(slots)].map(([name, list]) => ({ name: `dihedral:${name}`, value: formatMultiValue(list) })),
        ...(exact ? [{ name: EXACT_TRIM_VARIANT, value: formatMultiValue(exact.slots) }] : []),
      ],
    };
  },
};
