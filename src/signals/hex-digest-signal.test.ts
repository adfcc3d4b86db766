import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { DEFAULT_IMAGE_LIMITS } from '../media/image-decoder.js';
import { SharpImageDecoder } from '../media/sharp-image-decoder.js';
import { ContentSource } from './content-source.js';
import { md5Signal } from './md5-signal.js';
import { isSkipped } from './signal-type.js';
import { sha256Signal } from './sha256-signal.js';

const ports = { imageDecoder: new SharpImageDecoder(), imageLimits: DEFAULT_IMAGE_LIMITS };

for (const [type, algorithm, length] of [[md5Signal, 'md5', 32], [sha256Signal, 'sha256', 64]] as const) {
  test(`${type.name} hashes the exact bytes and validates ${length} hex characters`, async () => {
    const bytes = Buffer.from('not really an image, but bytes all the same');
    const signal = await type.hash!(new ContentSource(bytes, ports), {});
    if (isSkipped(signal)) assert.fail('a digest applies to any bytes');
    assert.equal(signal.value, createHash(algorithm).update(bytes).digest('hex'));
    assert.equal(signal.matchable, true);
    const upper = type.validate(signal.value.toUpperCase());
    assert.deepEqual(upper, { ok: true, value: signal.value });
    for (const bad of [signal.value.slice(1), `${signal.value}0`, signal.value.replace(/^./, 'x'), '']) {
      const res = type.validate(bad);
      assert.equal(res.ok, false);
      if (!res.ok) assert.equal(res.code, 'SIGNAL_VALUE_INVALID');
    }
    assert.equal(type.distance(signal.value, signal.value), 0);
    assert.ok(type.distance(signal.value, '0'.repeat(length)) > type.threshold);
  });
}
