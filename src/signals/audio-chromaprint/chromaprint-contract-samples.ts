import { readFileSync } from 'node:fs';
import { fixturePath } from '../../util/package-root.js';
import type { ContractSamples } from '../signal-type-contract.case.js';
import { encodeFingerprint } from './chromaprint-compression.js';
import { encodeNarrowband } from './chromaprint-narrowband-value.js';
import { itemsOf } from './chromaprint-value.js';

const corpus = (): { fingerprint_raw: number[] }[] =>
  JSON.parse(readFileSync(fixturePath('vectors', 'audio', 'debian-corpus-fpcalc.json'), 'utf8')).files;

/** Flips each bit with probability `rate` (seeded), as a lossy re-encode would. */
export function degrade(items: Uint32Array, rate: number, seed: number): Uint32Array {
  let s = seed;
  const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  return items.map((v) => {
    let x = v;
    for (let b = 0; b < 32; b++) if (rnd() < rate) x ^= 1 << b;
    return x >>> 0;
  });
}

/** The fpcalc corpus plus degraded excerpts of it (near neighbours at several strengths) and a duplicate. */
export function chromaprintCorpus(): string[] {
  const files = corpus();
  const out = files.map((f) => encodeFingerprint(Uint32Array.from(f.fingerprint_raw)));
  files.forEach((f, i) => {
    const items = Uint32Array.from(f.fingerprint_raw);
    if (items.length < 150) return;
    for (const [k, rate] of [0.05, 0.12, 0.2].entries()) {
      const at = (i * 37 + k * 101) % (items.length - 130);
      out.push(encodeFingerprint(degrade(items.subarray(at, at + 121 + k * 40), rate, i * 10 + k)));
    }
  });
  out.push(out[0]!);
  return out;
}

/** Samples for the shared contract. Base64url is case-sensitive, so values are not upper-cased. */
export function audioChromaprintSamples(): ContractSamples {
  return { values: chromaprintCorpus(), invalid: ['', 'AQAA', 'not base64!', 'AQADtJSqiImCq4hM,fSho7iilkEX0kmhy9CEXlA'], caseSensitive: true };
}

/** Items with every `every`-th one dropped: the time line of audio played about 1/(every−1) faster. */
function drift(items: Uint32Array, every: number): Uint32Array {
  return items.filter((_, i) => i % every !== every - 1);
}

/**
 * Samples for `audio_chromaprint_narrowband`: the same item sequences under its `nb1.`
 * prefix, plus drifting copies (4% faster, lightly degraded) that only a drift-tolerant
 * alignment keeps within the threshold.
 */
export function audioChromaprintNarrowbandSamples(): ContractSamples {
  const files = corpus();
  const values = chromaprintCorpus().map((v) => encodeNarrowband(itemsOf(v)));
  files.forEach((f, i) => {
    const items = Uint32Array.from(f.fingerprint_raw);
    if (items.length >= 150 && i % 2 === 0) values.push(encodeNarrowband(degrade(drift(items.subarray(10, 140), 25), 0.04, 500 + i)));
  });
  return { values, invalid: ['', 'nb1.', 'AQADtJSqiImCq4hM', 'nb1.AQAA', 'nb1.not base64!', 'nb2.AQADtJSqiImCq4hM'], caseSensitive: true };
}
