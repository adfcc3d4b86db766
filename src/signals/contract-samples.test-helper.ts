import { randomBytes } from 'node:crypto';
import { audioChromaprintNarrowbandSamples, audioChromaprintSamples } from './audio-chromaprint/chromaprint-contract-samples.js';
import type { ContractSamples } from './signal-type-contract.case.js';
import { pdqMultiSamples } from './pdq-multi/pdq-multi-contract-samples.js';
import { textMinhashSamples, textSha256Samples } from './text/text-contract-samples.js';
import { domainSamples, urlMd5Samples, urlSamples, urlSha256Samples } from './url/url-contract-samples.js';
import { vpdqMultiSamples } from './vpdq-multi/vpdq-multi-contract-samples.js';
import { vpdqSamples } from './vpdq/vpdq-contract-samples.js';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** Flips `bits` distinct random bits of a hex string. */
function flipBits(value: string, bits: number): string {
  const nibbles = value.split('').map((c) => parseInt(c, 16));
  const chosen = new Set<number>();
  while (chosen.size < bits) chosen.add(Math.floor(Math.random() * nibbles.length * 4));
  for (const b of chosen) nibbles[b >> 2]! ^= 1 << (b & 3);
  return nibbles.map((n) => n.toString(16)).join('');
}

function nearCorpus(bytes: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < 40; i++) {
    const base = hex(bytes);
    out.push(base, flipBits(base, i % 40), flipBits(base, 20 + (i % 30)));
  }
  return out;
}

function exactCorpus(bytes: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < 60; i++) out.push(hex(bytes));
  return [...out, ...out.slice(0, 10)];
}

const malformed = (length: number) => ['', 'x'.repeat(length), '0'.repeat(length - 1), '0'.repeat(length + 1), `${'0'.repeat(length - 1)}g`, `0,${'0'.repeat(length - 2)}`];

/**
 * Sample values for every registered signal type: the contract suite's, also used by any
 * test that must cover every type (the STIX mapping). Every registered type must appear
 * here, so none escapes the contract.
 */
export const CONTRACT_SAMPLES: Record<string, () => ContractSamples> = {
  pdq: () => ({ values: nearCorpus(32), invalid: malformed(64) }),
  pdq_multi: pdqMultiSamples,
  md5: () => ({ values: exactCorpus(16), invalid: malformed(32) }),
  sha256: () => ({ values: exactCorpus(32), invalid: malformed(64) }),
  text_sha256: textSha256Samples,
  text_minhash: textMinhashSamples,
  url: urlSamples,
  url_sha256: urlSha256Samples,
  url_md5: urlMd5Samples,
  domain: domainSamples,
  audio_chromaprint: audioChromaprintSamples,
  audio_chromaprint_narrowband: audioChromaprintNarrowbandSamples,
  vpdq: vpdqSamples,
  vpdq_multi: vpdqMultiSamples,
};
