import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultRegistry } from './default-registry.js';
import { CONTRACT_SAMPLES as SAMPLES } from './contract-samples.test-helper.js';
import { signalTypeContract } from './signal-type-contract.case.js';

const registry = defaultRegistry();

test('every registered signal type has contract samples', () => {
  assert.deepEqual(registry.names().filter((n) => !SAMPLES[n]), []);
});

for (const type of registry.all()) {
  const samples = SAMPLES[type.name];
  if (samples) signalTypeContract(type, samples());
}
