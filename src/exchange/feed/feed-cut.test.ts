import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NodeKey } from '../node-key.js';
import { checkPageCut } from './feed-cut.js';
import { checkPage, eventHash, FEED_GENESIS, redact, type FeedPage, type WireEvent } from './feed-event.js';
import { signHead } from './feed-head.js';
import { FeedWriter } from './feed-writer.js';

const key = NodeKey.generate();
const NOW = Date.parse('2026-12-04T12:00:00Z');
const READER = 'node-reader';

/** A page of one event per audience, as the publisher would serve it to READER in `groups`. */
function pageFor(audiences: { audience: string; audienceNode?: string }[], groups: string[], strip: number[] = [], headFields: Partial<{ head: number; partner: string; after: number; at: string; groups: string[] }> = {}): FeedPage {
  const w = new FeedWriter(key, 'node-pub');
  const events = audiences.map((a, i) => w.append({ type: 'signal.retracted', uid: `s${i}`, reason: 'news footage' }, '2026-12-04T11:59:00.000Z', a));
  const head = headFields.head ?? events.length;
  const proof = signHead({ node: 'node-pub', head, at: headFields.at ?? new Date(NOW).toISOString(), partner: headFields.partner ?? READER, after: headFields.after ?? 0, groups: headFields.groups ?? groups }, (t) => key.sign(t));
  return { node: 'node-pub', head, headProof: proof, events: events.map((e, i) => (strip.includes(i) ? redact(e) : e)) };
}

const cut = (page: FeedPage) => () => checkPageCut(page, { partner: 'node-pub', selfId: READER, after: 0, publicKey: key.publicKey, now: NOW });

test('a stub for an event the reader may not see is accepted', () => {
  const page = pageFor([{ audience: 'partners' }, { audience: 'group:gifct' }, { audience: 'local', audienceNode: 'node-other' }, { audience: 'local' }], ['eu'], [1, 2, 3]);
  assert.equal(checkPage(page.events, 0, FEED_GENESIS, key.publicKey), undefined);
  assert.doesNotThrow(cut(page));
});

test('a stub for an event the reader is owed is FEED_BODY_WITHHELD, whatever made it owed', () => {
  for (const [audience, groups] of [[{ audience: 'partners' }, []], [{ audience: 'network' }, []], [{ audience: 'group:eu' }, ['eu']], [{ audience: 'local', audienceNode: READER }, []]] as const) {
    const page = pageFor([{ audience: 'partners' }, audience], [...groups], [1]);
    assert.equal(checkPage(page.events, 0, FEED_GENESIS, key.publicKey), undefined, 'the chain and signatures still verify');
    assert.throws(cut(page), (err: { code: string; message: string }) => err.code === 'FEED_BODY_WITHHELD' && /event 2/.test(err.message), JSON.stringify(audience));
  }
});

test('a stub cannot pass for a narrower audience, nor drop its version to escape the check', () => {
  const page = pageFor([{ audience: 'partners' }], [], [0]);
  const narrowed = { ...page.events[0]!, audience: 'local' };
  assert.match(checkPage([narrowed], 0, FEED_GENESIS, key.publicKey)!, /hash does not cover/);
  const { v: _v, audience: _a, audienceTag: _t, ...downgraded } = page.events[0]!;
  assert.match(checkPage([downgraded], 0, FEED_GENESIS, key.publicKey)!, /hash does not cover/);
});

test('v1 events (stored before the audience was signed) still verify, stubs included', () => {
  const body = '{"type":"signal.retracted"}';
  const e1 = { seq: 1, prevHash: FEED_GENESIS, bodyHash: 'a'.repeat(64), hash: eventHash(1, FEED_GENESIS, 'a'.repeat(64)), sig: '', body } as WireEvent;
  const signed = { ...e1, sig: key.sign(e1.hash) };
  assert.equal(checkPage([redact(signed)], 0, FEED_GENESIS, key.publicKey), undefined);
  const page: FeedPage = { node: 'node-pub', head: 1, headProof: signHead({ node: 'node-pub', head: 1, at: new Date(NOW).toISOString(), partner: READER, after: 0, groups: [] }, (t) => key.sign(t)), events: [redact(signed)] };
  assert.doesNotThrow(cut(page));
});

test('a head that is missing, forged, replayed to another partner or request, stale or behind its events is FEED_HEAD_INVALID', () => {
  const good = pageFor([{ audience: 'partners' }], []);
  assert.doesNotThrow(cut(good));
  const cases: [string, FeedPage][] = [
    ['unsigned', { ...good, headProof: undefined }],
    ['head raised', { ...good, head: 500 }],
    ['groups added', { ...good, headProof: { ...good.headProof!, groups: ['eu'] } }],
    ['signed for another partner', pageFor([{ audience: 'partners' }], [], [], { partner: 'node-else' })],
    ['signed for another request', pageFor([{ audience: 'partners' }], [], [], { after: 7 })],
    ['an hour old', pageFor([{ audience: 'partners' }], [], [], { at: new Date(NOW - 3_600_000).toISOString() })],
    ['behind its events', pageFor([{ audience: 'partners' }], [], [], { head: 0 })],
    ['signed by another key', { ...good, headProof: signHead({ node: 'node-pub', head: 1, at: new Date(NOW).toISOString(), partner: READER, after: 0, groups: [] }, (t) => NodeKey.generate().sign(t)) }],
  ];
  for (const [what, page] of cases) assert.throws(cut(page), { code: 'FEED_HEAD_INVALID' }, what);
});

test('a stripped body is judged against the groups the head states, which a proxy cannot change', () => {
  const page = pageFor([{ audience: 'group:eu' }], ['eu'], [0]);
  assert.throws(cut(page), { code: 'FEED_BODY_WITHHELD' });
  const claimOutside = { ...page, headProof: { ...page.headProof!, groups: [] } };
  assert.throws(cut(claimOutside), { code: 'FEED_HEAD_INVALID' });
});

test('a head signed with a key the reader has not reached yet verifies through the rotations sent with it, and only then', () => {
  const next = NodeKey.generate();
  const w = new FeedWriter(key, 'node-pub');
  const first = w.append({ type: 'signal.retracted', uid: 's0', reason: 'x' }, '2026-12-04T11:59:00.000Z');
  const rotation = w.append({ type: 'key.rotated', previous: key.publicKey, publicKey: next.publicKey }, '2026-12-04T11:59:01.000Z');
  const head = { node: 'node-pub', head: 2, at: new Date(NOW).toISOString(), partner: READER, after: 0, groups: [] };
  const page = (proof: FeedPage['headProof']): FeedPage => ({ node: 'node-pub', head: 2, headProof: proof, events: [first] });
  assert.doesNotThrow(cut(page(signHead(head, (t) => next.sign(t), [rotation]))));
  assert.throws(cut(page(signHead(head, (t) => next.sign(t)))), { code: 'FEED_HEAD_INVALID' }, 'without the rotation the new key means nothing');
  const selfSigned = new FeedWriter(next, 'node-pub', { seq: 1, hash: first.hash }).append({ type: 'key.rotated', previous: key.publicKey, publicKey: next.publicKey });
  assert.throws(cut(page(signHead(head, (t) => next.sign(t), [selfSigned]))), { code: 'FEED_HEAD_INVALID' }, 'a rotation not signed by the key in force');
});
