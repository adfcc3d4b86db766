import assert from 'node:assert/strict';
import { test } from 'node:test';
import { narrowestDistribution } from './find-recorder.js';

const at = '2030-01-01T00:00:00.000Z';

test("a find's alert travels no wider than every signal it names may", () => {
  assert.equal(narrowestDistribution([{ distribution: 'partners', confirmedAt: at }, { distribution: 'group:eu', confirmedAt: at }]), 'group:eu');
  assert.equal(narrowestDistribution([{ distribution: 'network', confirmedAt: at }, { distribution: 'local', confirmedAt: at }]), 'local');
  assert.equal(narrowestDistribution([]), 'local');
});

test('an unconfirmed signal keeps the alert on the node (four eyes)', () => {
  assert.equal(narrowestDistribution([{ distribution: 'partners', confirmedAt: null }]), 'local');
  assert.equal(narrowestDistribution([{ distribution: 'network', confirmedAt: at }, { distribution: 'partners', confirmedAt: null }]), 'local');
});

test('signals of two different groups: no level reaches only those who see both, so local', () => {
  assert.equal(narrowestDistribution([{ distribution: 'group:eu', confirmedAt: at }, { distribution: 'group:us', confirmedAt: at }]), 'local');
  assert.equal(narrowestDistribution([{ distribution: 'group:eu', confirmedAt: at }, { distribution: 'group:eu', confirmedAt: at }]), 'group:eu');
});
