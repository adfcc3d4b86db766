import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { audioVector, TEST_MP3_B64, TEST_MP3_RAW } from './chromaprint-audio.test-helper.js';
import { compressFingerprint, decodeFingerprint, decompressFingerprint, encodeFingerprint } from './chromaprint-compression.js';

const expected = JSON.parse(readFileSync(audioVector('expected.json'), 'utf8'));
const corpus = JSON.parse(readFileSync(audioVector('debian-corpus-fpcalc.json'), 'utf8'));

test('compresses the upstream byte vectors exactly', () => {
  for (const c of expected.encode) {
    assert.deepEqual(Array.from(compressFingerprint(new Uint32Array(c.raw), c.algorithm)), c.bytes, JSON.stringify(c.raw));
    if (c.base64) assert.equal(encodeFingerprint(new Uint32Array(c.raw), c.algorithm), c.base64);
  }
});

test('decompresses the upstream vectors, ignoring trailing bytes and rejecting garbage', () => {
  for (const c of expected.decode) {
    const r = c.base64 !== undefined ? decodeFingerprint(c.base64) : decompressFingerprint(Uint8Array.from(c.bytes));
    if (c.error) {
      assert.equal(r.ok, false, c.base64);
      continue;
    }
    assert.ok(r.ok, JSON.stringify(c));
    assert.equal(r.value.algorithm, c.algorithm);
    assert.deepEqual(Array.from(r.value.items), c.raw);
  }
});

test('produces the fpcalc strings for test.mp3, TestFp and silence', () => {
  assert.equal(encodeFingerprint(new Uint32Array(TEST_MP3_RAW())), TEST_MP3_B64());
  for (const fp of expected.api_fingerprints) assert.equal(encodeFingerprint(new Uint32Array(fp.fingerprint_raw)), fp.fingerprint);
});

test('round-trips the Debian corpus fingerprints both ways', () => {
  for (const f of corpus.files) {
    assert.equal(encodeFingerprint(new Uint32Array(f.fingerprint_raw)), f.fingerprint, f.path);
    const r = decodeFingerprint(f.fingerprint);
    assert.ok(r.ok);
    assert.deepEqual(Array.from(r.value.items), f.fingerprint_raw);
  }
});

test('round-trips items with high bits, zeros and repeats', () => {
  const items = Uint32Array.from([0, 0xffffffff, 0x80000000, 1, 1, 0x7fffffff, 0xdeadbeef, 0]);
  const r = decompressFingerprint(compressFingerprint(items));
  assert.ok(r.ok);
  assert.deepEqual(Array.from(r.value.items), Array.from(items));
});

test('rejects truncated data with a reason', () => {
  const bytes = compressFingerprint(new Uint32Array(TEST_MP3_RAW()));
  for (const cut of [3, 10, bytes.length - 1]) {
    const r = decompressFingerprint(bytes.subarray(0, cut));
    assert.equal(r.ok, false, `cut at ${cut}`);
    if (!r.ok) assert.match(r.reason, /truncated|shorter/);
  }
  assert.equal(decodeFingerprint('AQAAO0mSRJKS!').ok, false);
});
