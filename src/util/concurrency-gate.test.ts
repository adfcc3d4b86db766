import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConcordError } from '../errors/concord-error.js';
import { ConcurrencyGate } from './concurrency-gate.js';

/** A job that runs until the test releases it, recording how many ran at once. */
function jobs() {
  let running = 0;
  let peak = 0;
  const releases: Array<() => void> = [];
  const job = (value: number) => async () => {
    running++;
    peak = Math.max(peak, running);
    await new Promise<void>((r) => releases.push(r));
    running--;
    return value;
  };
  const releaseOne = async () => {
    while (releases.length === 0) await new Promise((r) => setImmediate(r));
    releases.shift()!();
  };
  return { job, releaseOne, get peak() { return peak; } };
}

test('runs at most `concurrency` calls at once and the rest in arrival order', async () => {
  const gate = new ConcurrencyGate({ concurrency: 2, maxWaiting: 10 }, 'decoding');
  const j = jobs();
  const order: number[] = [];
  const all = [1, 2, 3, 4, 5].map((n) => gate.run(j.job(n)).then((v) => (order.push(v), v)));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(gate.load, { active: 2, waiting: 3 });
  for (let i = 0; i < 5; i++) await j.releaseOne();
  assert.deepEqual(await Promise.all(all), [1, 2, 3, 4, 5]);
  assert.deepEqual(order, [1, 2, 3, 4, 5]);
  assert.equal(j.peak, 2);
  assert.deepEqual(gate.load, { active: 0, waiting: 0 });
});

test('a call past the waiting line is refused with BUSY, and the gate keeps serving', async () => {
  const gate = new ConcurrencyGate({ concurrency: 1, maxWaiting: 1 }, 'decoding');
  const j = jobs();
  const first = gate.run(j.job(1));
  const second = gate.run(j.job(2));
  await assert.rejects(gate.run(j.job(3)), (err) => err instanceof ConcordError && err.code === 'BUSY' && /retry/.test(err.message));
  await j.releaseOne();
  await j.releaseOne();
  assert.deepEqual(await Promise.all([first, second]), [1, 2]);
  assert.equal(await gate.run(async () => 4), 4);
});

test('a call that throws frees its slot for the next one', async () => {
  const gate = new ConcurrencyGate({ concurrency: 1, maxWaiting: 1 }, 'decoding');
  await assert.rejects(gate.run(async () => { throw new Error('bad file'); }), /bad file/);
  assert.deepEqual(gate.load, { active: 0, waiting: 0 });
  assert.equal(await gate.run(async () => 'next'), 'next');
});
