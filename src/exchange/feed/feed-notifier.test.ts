import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FeedNotifier } from './feed-notifier.js';

const HOUR = 3_600_000;

/** A feed head read the test answers by hand, so a commit can land while it is in flight. */
function manualHead() {
  const reads: ((seq: number) => void)[] = [];
  const head = () => new Promise<number>((resolve) => reads.push(resolve));
  const next = async () => {
    while (reads.length === 0) await new Promise((r) => setImmediate(r));
    return reads.shift()!;
  };
  return { head, next };
}

const settled = (p: Promise<void>) => Promise.race([p.then(() => 'woken'), new Promise((r) => setTimeout(() => r('still waiting'), 2000))]);

test('a commit that lands while the head is being read wakes the reader (no lost wake-up until the poll)', async () => {
  const { head, next } = manualHead();
  // Polling once an hour: only a poke can wake the reader within this test.
  const notifier = new FeedNotifier(head, HOUR);
  const waiting = notifier.waitBeyond(5, HOUR);
  const firstRead = await next();
  notifier.poke(); // the commit lands now, after the head was read at 5 on another connection
  firstRead(5);
  void next().then((read) => read(6)); // woken, it reads again and sees the new event
  const outcome = await settled(waiting);
  notifier.close(); // releases a reader left waiting for the poll, so a failure ends the test
  assert.equal(outcome, 'woken');
});

test('a reader already beyond returns at once; close releases a waiting reader; no timer or waiter is left behind', async () => {
  let seq = 7;
  const notifier = new FeedNotifier(async () => seq, HOUR);
  assert.equal(await settled(notifier.waitBeyond(6, HOUR)), 'woken');
  const waiting = notifier.waitBeyond(7, HOUR);
  await new Promise((r) => setImmediate(r));
  seq = 8;
  notifier.poke();
  assert.equal(await settled(waiting), 'woken');
  const closing = notifier.waitBeyond(8, HOUR);
  await new Promise((r) => setImmediate(r));
  notifier.close();
  assert.equal(await settled(closing), 'woken');
  assert.equal((notifier as unknown as { waiters: Set<unknown> }).waiters.size, 0);
});

test('a failed head read leaves no waiter behind and reports the failure', async () => {
  const notifier = new FeedNotifier(async () => Promise.reject(new Error('database away')), HOUR);
  await assert.rejects(notifier.waitBeyond(0, HOUR), /database away/);
  assert.equal((notifier as unknown as { waiters: Set<unknown> }).waiters.size, 0);
});
