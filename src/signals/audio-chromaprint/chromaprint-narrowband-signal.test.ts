import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ContentSource } from '../content-source.js';
import { isSkipped, type HashedSignal } from '../signal-type.js';
import { audioPorts, ffmpegOutput, makeMusic, SKIP_NO_FFMPEG } from './chromaprint-audio.test-helper.js';
import { audioChromaprintNarrowbandSignal as signal, NARROWBAND_THRESHOLD } from './chromaprint-narrowband-signal.js';
import { audioChromaprintSignal } from './chromaprint-signal.js';

const WAV = ['-c:a', 'pcm_s16le', '-f', 'wav'];

async function hash(bytes: Uint8Array): Promise<HashedSignal> {
  const r = await signal.hash!(new ContentSource(bytes, audioPorts()), {});
  assert.ok(!isSkipped(r));
  return r;
}

/** Every entry an index of `known` finds for the query's value and its alternates, as POST /v1/match looks them up. */
function lookups(query: HashedSignal, known: readonly string[]): { id: number; distance: number; variant?: string }[] {
  const index = signal.createIndex();
  known.forEach((v, id) => index.add(id, v));
  const hits = [{ name: undefined as string | undefined, value: query.value }, ...(query.alternates ?? [])].flatMap((l) =>
    index.search(l.value, NARROWBAND_THRESHOLD).map((h) => ({ ...h, ...(l.name ? { variant: l.name } : {}) })),
  );
  return hits.sort((a, b) => a.distance - b.distance);
}

describe('audio_chromaprint_narrowband values', () => {
  test('validate wants the nb1. prefix and normalises the fingerprint after it', () => {
    const plain = 'AQAAO0mSRJKSJEmUKAmOG4f5';
    for (const bad of ['', plain, 'nb1.', 'nb1.AQAA', 'nb2.AQAAO0mSRJKS']) {
      const r = signal.validate(bad);
      assert.equal(r.ok, false, bad);
      if (!r.ok) assert.equal(r.code, 'SIGNAL_VALUE_INVALID');
    }
  });
});

describe('audio_chromaprint_narrowband on audio changed with ffmpeg', { skip: SKIP_NO_FFMPEG }, () => {
  const original = makeMusic(21, 40, WAV);
  const unrelated = makeMusic(22, 40, WAV);

  test('a copy sped up 1.05× (atempo) is found through its tempo variant', async () => {
    const known = [(await hash(original)).value, (await hash(unrelated)).value];
    const sped = await hash(ffmpegOutput(['-i', 'pipe:0', '-af', 'atempo=1.05', ...WAV], original));
    assert.deepEqual(sped.alternates?.map((a) => a.name), ['tempo:0.9', 'tempo:0.95', 'tempo:1.05', 'tempo:1.1']);
    const hits = lookups(sped, known);
    assert.equal(hits[0]?.id, 0, JSON.stringify(hits));
    assert.equal(hits[0]?.variant, 'tempo:1.05');
    assert.ok(hits.every((h) => h.id === 0));
  });

  test('a telephone-band copy is found through the value itself; the full-band fingerprint loses it', async () => {
    const ports = audioPorts();
    const phone = ffmpegOutput(['-i', 'pipe:0', '-af', 'highpass=f=300,lowpass=f=3400', '-ac', '1', '-ar', '8000', '-c:a', 'pcm_mulaw', '-f', 'wav'], original);
    const q = await hash(phone);
    const hits = lookups(q, [(await hash(original)).value, (await hash(unrelated)).value]);
    assert.equal(hits[0]?.id, 0);
    assert.equal(hits[0]?.variant, undefined);
    const plainQ = await audioChromaprintSignal.hash!(new ContentSource(phone, ports), {});
    const plainO = await audioChromaprintSignal.hash!(new ContentSource(original, ports), {});
    assert.ok(!isSkipped(plainQ) && !isSkipped(plainO));
    assert.ok(signal.distance(q.value, (await hash(original)).value) < audioChromaprintSignal.distance(plainQ.value, plainO.value));
  });

  test('unrelated music matches nothing, whatever the tempo', async () => {
    const q = await hash(makeMusic(23, 40, ['-c:a', 'libmp3lame', '-b:a', '96k', '-f', 'mp3']));
    assert.deepEqual(lookups(q, [(await hash(original)).value, (await hash(unrelated)).value]), []);
  });
});
