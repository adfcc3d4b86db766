import { randomBytes } from 'node:crypto';
import type { SignalRecord } from '../../domain/signal-record.js';
import { audioChromaprintSamples } from '../../signals/audio-chromaprint/chromaprint-contract-samples.js';
import type { ContractSamples } from '../../signals/signal-type-contract.case.js';
import { textMinhashSamples, textSha256Samples } from '../../signals/text/text-contract-samples.js';
import { domainSamples, urlMd5Samples, urlSamples, urlSha256Samples } from '../../signals/url/url-contract-samples.js';
import { vpdqSamples } from '../../signals/vpdq/vpdq-contract-samples.js';

const hex = (bytes: number): ContractSamples => ({ values: [0, 1, 2].map(() => randomBytes(bytes).toString('hex')), invalid: [] });

/** Sample values of every registered type, from the signal types' own contract samples. */
export const SAMPLE_VALUES: Record<string, () => ContractSamples> = {
  pdq: () => hex(32),
  md5: () => hex(16),
  sha256: () => hex(32),
  text_sha256: textSha256Samples,
  text_minhash: textMinhashSamples,
  url: urlSamples,
  url_sha256: urlSha256Samples,
  url_md5: urlMd5Samples,
  domain: domainSamples,
  audio_chromaprint: audioChromaprintSamples,
  vpdq: vpdqSamples,
};

/** A stored signal as the store would return it. */
export function sampleRecord(overrides: Partial<SignalRecord> & Pick<SignalRecord, 'type' | 'value'>): SignalRecord {
  return {
    id: 7,
    bankId: 2,
    label: 'perpetrator_content',
    reason: "the attacker's livestream, first seen on a video site",
    contributor: 'node-aa11',
    reviewedByKey: null,
    reviewedAt: null,
    distribution: 'partners',
    status: 'active',
    statusReason: null,
    matchCount: 0,
    lastMatchedAt: null,
    createdAt: '2025-03-01T10:00:00.000Z',
    updatedAt: '2025-03-02T11:00:00.000Z',
    ...overrides,
  } as SignalRecord;
}
