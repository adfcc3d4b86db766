import type { SignalRecord } from '../../domain/signal-record.js';

/** Sample values of every registered type: the signal types' own contract samples. */
export { CONTRACT_SAMPLES as SAMPLE_VALUES } from '../../signals/contract-samples.test-helper.js';

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
