import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { degrade } from '../signals/audio-chromaprint/chromaprint-contract-samples.js';
import { encodeNarrowband } from '../signals/audio-chromaprint/chromaprint-narrowband-value.js';
import { confirmSignals, register, startFedNode, waitFor, type FedNode } from '../testing/federation-nodes.js';
import { fixturePath } from '../util/package-root.js';

/** A recording's items from the fpcalc corpus, as a narrowband value would carry them. */
const items = (): Uint32Array => Uint32Array.from(JSON.parse(readFileSync(fixturePath('vectors', 'audio', 'debian-corpus-fpcalc.json'), 'utf8')).files.find((f: { fingerprint_raw: number[] }) => f.fingerprint_raw.length >= 300).fingerprint_raw);

/** Two real node processes: an `audio_chromaprint_narrowband` value added at A reaches B through A's feed and matches there. */
describe('audio_chromaprint_narrowband travels on the feed', () => {
  let A: FedNode, B: FedNode;
  before(async () => {
    [A, B] = await Promise.all([startFedNode('Node A'), startFedNode('Node B')]);
    await register(A, B);
    await register(B, A);
  });
  after(async () => Promise.all([A, B].filter(Boolean).map((n) => n.proc.kill())));

  test('B matches the value, and a copy 4% faster, with A as contributor', async () => {
    const known = items();
    const value = encodeNarrowband(known.subarray(0, 250));
    const res = await A.proc.call('POST', `/v1/banks/${A.bankId}/signals`, A.key, { signals: [{ type: 'audio_chromaprint_narrowband', value, label: 'perpetrator_content', reason: 'soundtrack of the attack video', distribution: 'partners' }] });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    await confirmSignals(A, [res.json.signals[0].id]);
    const faster = encodeNarrowband(degrade(known.subarray(40, 200).filter((_, i) => i % 25 !== 24), 0.03, 9));
    const matchAtB = async (v: string) => (await B.proc.call('POST', '/v1/match', B.key, { signals: [{ type: 'audio_chromaprint_narrowband', value: v }] })).json.results[0].matches;
    await waitFor('B matches the narrowband value from A', async () => (await matchAtB(value)).length > 0);
    const [exact] = await matchAtB(value);
    assert.equal(exact.contributor, A.id);
    assert.equal(exact.distance, 0);
    const [drifted] = await matchAtB(faster);
    assert.equal(drifted?.contributor, A.id);
    assert.ok(drifted.distance > 0 && drifted.distance <= 175);
  });
});
