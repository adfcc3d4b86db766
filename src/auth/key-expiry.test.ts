import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseKeyExpiry } from './key-expiry.js';

const NOW = Date.parse('2030-01-01T00:00:00Z');

test('reads durations from now and ISO times with a zone', () => {
  assert.deepEqual(parseKeyExpiry('30d', NOW), { ok: true, value: '2030-01-31T00:00:00.000Z' });
  assert.deepEqual(parseKeyExpiry('12h', NOW), { ok: true, value: '2030-01-01T12:00:00.000Z' });
  assert.deepEqual(parseKeyExpiry('90m', NOW), { ok: true, value: '2030-01-01T01:30:00.000Z' });
  assert.deepEqual(parseKeyExpiry('2030-02-01T00:00:00+01:00', NOW), { ok: true, value: '2030-01-31T23:00:00.000Z' });
});

test('refuses times without a zone, other words, zero durations and the past', () => {
  for (const raw of ['2030-02-01T00:00:00', '2030-02-01', 'tomorrow', '30 days', '-1d']) {
    const r = parseKeyExpiry(raw, NOW);
    assert.equal(r.ok, false, raw);
    if (!r.ok) assert.equal(r.code, 'USAGE_INVALID', raw);
  }
  for (const raw of ['0d', '2029-12-31T23:59:59Z', '2030-01-01T00:00:00Z']) {
    const r = parseKeyExpiry(raw, NOW);
    assert.equal(r.ok, false, raw);
    if (!r.ok) assert.match(r.message, /not in the future/, raw);
  }
});
