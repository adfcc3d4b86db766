import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NodeKey } from '../node-key.js';
import { checkPage, FEED_GENESIS, redact, type WireEvent } from './feed-event.js';
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
