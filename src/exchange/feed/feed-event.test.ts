import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NodeKey } from '../node-key.js';
import { checkPage, checkPageAsync, FEED_GENESIS, redact, type WireEvent } from './feed-event.js';
import { FeedWriter } from './feed-writer.js';

const key = NodeKey.generate();
const page = (n: number): WireEvent[] => {
  const w = new FeedWriter(key, 'node-a');
  return Array.from({ length: n }, (_, i) => w.append({ type: 'test.event', n: i }));
};

test('a well-formed page verifies, stubs included', () => {
  const events = page(5);
  assert.equal(checkPage(events, 0, FEED_GENESIS, key.publicKey), undefined);
  assert.equal(checkPage(events.map((e, i) => (i % 2 ? redact(e) : e)), 0, FEED_GENESIS, key.publicKey), undefined);
  assert.equal(checkPage(events.slice(2), 2, events[1]!.hash, key.publicKey), undefined);
});

test('a forged body, hash or signature is named', () => {
  const events = page(3);
  const forgedBody = events.map((e, i) => (i === 1 ? { ...e, body: e.body!.replace('"n":1', '"n":7') } : e));
  assert.match(checkPage(forgedBody, 0, FEED_GENESIS, key.publicKey)!, /event 2: the body does not match/);
  const badSig = events.map((e, i) => (i === 2 ? { ...e, sig: events[0]!.sig } : e));
  assert.match(checkPage(badSig, 0, FEED_GENESIS, key.publicKey)!, /event 3: the signature does not verify/);
  assert.match(checkPage(events, 0, FEED_GENESIS, NodeKey.generate().publicKey)!, /event 1: the signature/);
});

test('replayed, reordered, gapped and unlinked pages are refused', () => {
  const events = page(4);
  assert.match(checkPage(events, 2, events[1]!.hash, key.publicKey)!, /expected event 3, got 1/, 'replay of old events');
  assert.match(checkPage([events[1]!, events[0]!], 0, FEED_GENESIS, key.publicKey)!, /expected event 1, got 2/, 'reordered');
  assert.match(checkPage([events[0]!, events[2]!], 0, FEED_GENESIS, key.publicKey)!, /expected event 2, got 3/, 'gap');
  assert.match(checkPage(events.slice(1), 1, 'f'.repeat(64), key.publicKey)!, /does not link/, 'chain broken against the cursor');
});

test('a key rotation signed by the key in force hands the page over to the new key', async () => {
  const next = NodeKey.generate();
  const before = new FeedWriter(key, 'node-a');
  const events = [before.append({ type: 'test.event', n: 0 }), before.append({ type: 'key.rotated', previous: key.publicKey, publicKey: next.publicKey })];
  const after = new FeedWriter(next, 'node-a', { seq: 2, hash: events[1]!.hash });
  events.push(after.append({ type: 'test.event', n: 1 }));
  assert.equal(checkPage(events, 0, FEED_GENESIS, key.publicKey), undefined);
  assert.deepEqual(await checkPageAsync(events, 0, FEED_GENESIS, key.publicKey), { publicKey: next.publicKey });
  // After the hand-over the old key no longer counts.
  const stale = new FeedWriter(key, 'node-a', { seq: 2, hash: events[1]!.hash }).append({ type: 'test.event', n: 1 });
  assert.match(checkPage([...events.slice(0, 2), stale], 0, FEED_GENESIS, key.publicKey)!, /event 3: the signature/);
  // A rotation that does not name the key in force hands over nothing.
  const forged = new FeedWriter(key, 'node-a');
  const bogus = [forged.append({ type: 'key.rotated', previous: NodeKey.generate().publicKey, publicKey: next.publicKey })];
  bogus.push(new FeedWriter(next, 'node-a', { seq: 1, hash: bogus[0]!.hash }).append({ type: 'test.event', n: 2 }));
  assert.match((await checkPageAsync(bogus, 0, FEED_GENESIS, key.publicKey)).problem!, /event 2: the signature/);
});
