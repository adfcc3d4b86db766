import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { packageRoot } from '../util/package-root.js';
import { multipart, startTestNode, type TestNode } from './api-test-node.test-helper.js';

const image = (name: string) => readFileSync(join(packageRoot(), 'samples', 'images', name));
const PDQ = 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22';
const near = (hex: string, bits: number) => {
  const n = BigInt(`0x${hex}`) ^ ((1n << BigInt(bits)) - 1n);
  return n.toString(16).padStart(64, '0');
};

let t: TestNode;
let curator: string;
let reviewer: string;
let matcher: string;
let bankId: number;
before(async () => {
  t = await startTestNode({ maxBodyBytes: 200_000, maxFileBytes: 2_000_000, maxPixels: 20_000_000 });
  curator = await t.keyFor('curator');
  reviewer = await t.keyFor('reviewer');
  matcher = await t.keyFor('matcher');
  bankId = (await t.call('POST', '/v1/banks', curator, { name: 'incident-a', description: 'attack livestream, day 1' })).json.id;
});
after(async () => t.node.close());

const add = (signals: object[], key = curator, bank = bankId) => t.call('POST', `/v1/banks/${bank}/signals`, key, { signals });
const match = (signals: object[], extra: object = {}, key = matcher) => t.call('POST', '/v1/match', key, { signals, ...extra });

describe('banks', () => {
  test('create, list, get, patch; duplicate names conflict', async () => {
    const created = await t.call('POST', '/v1/banks', curator, { name: 'manifesto-x', description: '' });
    assert.equal(created.status, 201);
    assert.equal((await t.call('POST', '/v1/banks', curator, { name: 'manifesto-x' })).json.error.code, 'CONFLICT');
    const patched = await t.call('PATCH', `/v1/banks/${created.json.id}`, curator, { description: 'perpetrator manifesto, all language versions' });
    assert.equal(patched.json.description, 'perpetrator manifesto, all language versions');
    assert.equal((await t.call('GET', `/v1/banks/${created.json.id}`, curator)).json.name, 'manifesto-x');
    assert.ok((await t.call('GET', '/v1/banks', curator)).json.banks.length >= 2);
    assert.equal((await t.call('GET', '/v1/banks/9999', curator)).json.error.code, 'NOT_FOUND');
    assert.equal((await t.call('PATCH', `/v1/banks/${created.json.id}`, curator, {})).json.error.code, 'REQUEST_INVALID');
  });
});

describe('signals and matching', () => {
  test('added signals come back in order and match at once', async () => {
    const res = await add([
      { type: 'pdq', value: PDQ.toUpperCase(), label: 'perpetrator_content', reason: 'frame of the attack livestream' },
      { type: 'md5', value: 'd35c785545392755e7e4164457657269', label: 'perpetrator_content', reason: 'the original file', distribution: 'local' },
    ]);
    assert.equal(res.status, 201);
    assert.deepEqual(res.json.signals.map((s: any) => [s.type, s.value, s.distribution, s.status]), [
      ['pdq', PDQ, 'partners', 'active'],
      ['md5', 'd35c785545392755e7e4164457657269', 'local', 'active'],
    ]);
    const m = await match([{ type: 'pdq', value: near(PDQ, 5) }, { type: 'pdq', value: near(PDQ, 40) }]);
    assert.equal(m.status, 200);
    assert.equal(m.json.results[0].matches[0].distance, 5);
    assert.equal(m.json.results[0].matches[0].label, 'perpetrator_content');
    assert.equal(m.json.results[0].matches[0].contributor, t.node.selfPartner);
    assert.deepEqual(m.json.results[1].matches, []);
  });

  test('a batch with one bad signal stores nothing and names the bad one', async () => {
    const before = (await t.call('GET', '/v1/audit?limit=1000', t.adminKey)).json.entries.length;
    for (const [bad, code] of [
      [{ type: 'pdq', value: near(PDQ, 64), label: 'political_speech', reason: 'x'.repeat(5) }, 'LABEL_UNKNOWN'],
      [{ type: 'pdq', value: 'abc', label: 'perpetrator_content', reason: 'xxxxx' }, 'SIGNAL_VALUE_INVALID'],
      [{ type: 'tmk', value: 'abc', label: 'perpetrator_content', reason: 'xxxxx' }, 'SIGNAL_TYPE_UNKNOWN'],
    ] as const) {
      const res = await add([{ type: 'md5', value: 'e'.repeat(32), label: 'perpetrator_content', reason: 'first of batch' }, bad]);
      assert.equal(res.status, 422);
      assert.equal(res.json.error.code, code);
      assert.match(res.json.error.message, /^signals\[1\]/);
    }
    assert.equal((await add([{ type: 'md5', value: 'e'.repeat(32), label: 'perpetrator_content' }])).json.error.code, 'REQUEST_INVALID');
    assert.equal((await t.call('GET', '/v1/audit?limit=1000', t.adminKey)).json.entries.length, before);
    assert.deepEqual((await match([{ type: 'md5', value: 'e'.repeat(32) }])).json.results[0].matches, []);
  });

  test('a duplicate in the bank conflicts; a missing bank is 404', async () => {
    assert.equal((await add([{ type: 'pdq', value: PDQ, label: 'perpetrator_content', reason: 'again' }])).json.error.code, 'CONFLICT');
    assert.equal((await add([{ type: 'md5', value: 'f'.repeat(32), label: 'perpetrator_content', reason: 'xxxx' }], curator, 999)).json.error.code, 'NOT_FOUND');
  });

  test('match validates every query, and refuses batches over the limit', async () => {
    const bad = await match([{ type: 'pdq', value: PDQ }, { type: 'pdq', value: 'zz' }]);
    assert.equal(bad.status, 422);
    assert.match(bad.json.error.message, /signals\[1\]/);
    const many = Array.from({ length: 1001 }, () => ({ type: 'md5', value: '0'.repeat(32) }));
    assert.equal((await match(many)).json.error.code, 'BODY_TOO_LARGE');
    assert.equal((await t.call('POST', '/v1/match', matcher, { signals: [] })).json.error.code, 'REQUEST_INVALID');
  });

  test('retraction stops matching; the signal keeps its history', async () => {
    const [s] = (await add([{ type: 'pdq', value: near(PDQ, 100), label: 'glorification_of_attack', reason: 'meme praising the attacker' }])).json.signals;
    assert.equal((await match([{ type: 'pdq', value: s.value }])).json.results[0].matches.length, 1);
    const r = await t.call('POST', `/v1/signals/${s.id}/retract`, curator, { reason: 'wrong: this is a news report' });
    assert.equal(r.json.status, 'retracted');
    assert.deepEqual((await match([{ type: 'pdq', value: s.value }])).json.results[0].matches, []);
    const withRetracted = await match([{ type: 'pdq', value: s.value }], { include: ['retracted'] });
    assert.equal(withRetracted.json.results[0].matches[0].status, 'retracted');
    const detail = await t.call('GET', `/v1/signals/${s.id}`, reviewer);
    assert.deepEqual(detail.json.audit.map((a: any) => a.action), ['signal.added', 'signal.retracted']);
    assert.equal(detail.json.signal.statusReason, 'wrong: this is a news report');
    assert.equal(detail.json.contributor.id, t.node.selfPartner);
  });

  test('the contributor overturning a signal disputes it; re-confirmation restores matching', async () => {
    const [s] = (await add([{ type: 'pdq', value: near(PDQ, 150), label: 'graphic_violence_defenceless', reason: 'execution video frame' }])).json.signals;
    const d = await t.call('POST', `/v1/signals/${s.id}/opinions`, reviewer, { opinion: 'disputed', reason: 'on review: documentary footage' });
    assert.equal(d.status, 201);
    assert.equal(d.json.signal.status, 'disputed');
    assert.deepEqual((await match([{ type: 'pdq', value: s.value }])).json.results[0].matches, []);
    assert.equal((await match([{ type: 'pdq', value: s.value }], { include: ['disputed'] })).json.results[0].matches[0].status, 'disputed');
    const c = await t.call('POST', `/v1/signals/${s.id}/opinions`, reviewer, { opinion: 'confirmed', reason: 're-reviewed: perpetrator footage' });
    assert.equal(c.json.signal.status, 'active');
    assert.ok(c.json.signal.reviewedAt);
    assert.equal((await match([{ type: 'pdq', value: s.value }])).json.results[0].matches.length, 1);
    const detail = await t.call('GET', `/v1/signals/${s.id}`, reviewer);
    assert.equal(detail.json.opinions.length, 2);
  });

  test('a label is corrected with a reason; an unknown label is refused', async () => {
    const [s] = (await add([{ type: 'md5', value: '2'.repeat(32), label: 'perpetrator_content', reason: 'first labelling' }])).json.signals;
    assert.equal((await t.call('POST', `/v1/signals/${s.id}/label`, curator, { label: 'political_speech', reason: 'nope' })).json.error.code, 'LABEL_UNKNOWN');
    const fixed = await t.call('POST', `/v1/signals/${s.id}/label`, curator, { label: 'instruction_for_violence', reason: 'it is a weapons manual' });
    assert.equal(fixed.json.label, 'instruction_for_violence');
    const m = await match([{ type: 'md5', value: '2'.repeat(32) }]);
    assert.equal(m.json.results[0].matches[0].label, 'instruction_for_violence');
  });

  test('matches are counted per signal', async () => {
    const [s] = (await add([{ type: 'md5', value: '1'.repeat(32), label: 'instruction_for_violence', reason: 'bomb-making pdf' }])).json.signals;
    await match([{ type: 'md5', value: '1'.repeat(32) }]);
    await match([{ type: 'md5', value: '1'.repeat(32) }, { type: 'md5', value: '1'.repeat(32) }]);
    await new Promise((r) => setTimeout(r, 1300));
    assert.equal((await t.call('GET', `/v1/signals/${s.id}`, reviewer)).json.signal.matchCount, 3);
  });
});

describe('content', () => {
  test('hash a file, add it by content, and match an edited copy by upload', async () => {
    const upload = multipart(image('unrelated-scene.jpg'), 'a.jpg');
    const hashed = await t.node.app.inject({ method: 'POST', url: '/v1/hash', headers: { authorization: `Bearer ${matcher}`, ...upload.headers }, payload: upload.payload });
    assert.equal(hashed.statusCode, 200, hashed.body);
    assert.deepEqual(hashed.json().signals.map((s: any) => s.type), ['pdq', 'pdq_multi', 'md5', 'sha256']);

    const bank = (await t.call('POST', '/v1/banks', curator, { name: 'content-bank' })).json.id;
    const body = multipart(image('bridge-original.jpg'), 'x.jpg', { label: 'perpetrator_content', reason: 'uploaded by the curation desk' });
    const added = await t.node.app.inject({ method: 'POST', url: `/v1/banks/${bank}/content`, headers: { authorization: `Bearer ${curator}`, ...body.headers }, payload: body.payload });
    assert.equal(added.statusCode, 201, added.body);
    assert.deepEqual(added.json().signals.map((s: any) => s.type), ['pdq', 'pdq_multi', 'md5', 'sha256']);

    const q = multipart(image('bridge-rotated-90.jpg'), 'q.jpg', { dihedral: 'true' });
    const m = await t.node.app.inject({ method: 'POST', url: '/v1/match', headers: { authorization: `Bearer ${matcher}`, ...q.headers }, payload: q.payload });
    assert.equal(m.statusCode, 200, m.body);
    const pdqResult = m.json().results.find((r: any) => r.query.type === 'pdq');
    assert.ok(pdqResult.matches.some((x: any) => x.variant && x.bankId === bank));
  });

  test('bad media gets a coded error, and nothing is stored', async () => {
    const truncated = image('bridge-original.jpg').subarray(0, 5000);
    const body = multipart(truncated, 't.jpg', { label: 'perpetrator_content', reason: 'truncated upload' });
    const res = await t.node.app.inject({ method: 'POST', url: `/v1/banks/${bankId}/content`, headers: { authorization: `Bearer ${curator}`, ...body.headers }, payload: body.payload });
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().error.code, 'MEDIA_CORRUPT');
    const empty = multipart(Buffer.alloc(0), 'e.jpg');
    const e = await t.node.app.inject({ method: 'POST', url: '/v1/hash', headers: { authorization: `Bearer ${matcher}`, ...empty.headers }, payload: empty.payload });
    assert.equal(e.json().error.code, 'MEDIA_EMPTY');
    const big = multipart(Buffer.alloc(3_000_000, 1), 'big.bin');
    const b = await t.node.app.inject({ method: 'POST', url: '/v1/hash', headers: { authorization: `Bearer ${matcher}`, ...big.headers }, payload: big.payload });
    assert.equal(b.statusCode, 413);
    assert.equal(b.json().error.code, 'BODY_TOO_LARGE');
  });

  test('a malformed multipart body is a 400, not a 500', async () => {
    const body = multipart(image('unrelated-scene.jpg'), 'a.jpg');
    const res = await t.node.app.inject({ method: 'POST', url: '/v1/hash', headers: { authorization: `Bearer ${matcher}`, ...body.headers }, payload: body.payload.subarray(0, 300) });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'REQUEST_INVALID');
  });

  test('an oversized JSON body is refused with 413', async () => {
    const res = await t.call('POST', '/v1/match', matcher, { signals: [{ type: 'md5', value: 'a'.repeat(300_000) }] });
    assert.equal(res.status, 413);
    assert.equal(res.json.error.code, 'BODY_TOO_LARGE');
  });

  test('text hashing is accepted as JSON and a URL is never fetched', async () => {
    const res = await t.call('POST', '/v1/hash', matcher, { url: 'http://127.0.0.1:1/never-fetched' });
    assert.ok([200, 415].includes(res.status), JSON.stringify(res.json));
    assert.equal((await t.call('POST', '/v1/hash', matcher, {})).json.error.code, 'REQUEST_INVALID');
  });
});

describe('operations', () => {
  test('health, metrics, OpenAPI and docs are served', async () => {
    const h = await t.call('GET', '/healthz', null);
    assert.equal(h.json.status, 'ok');
    const metrics = await t.node.app.inject({ method: 'GET', url: '/metrics' });
    assert.match(metrics.body, /concord_http_request_duration_seconds_bucket/);
    assert.match(metrics.body, /concord_matches_total\{type="pdq",label="perpetrator_content"\} \d+/);
    assert.match(metrics.body, /concord_index_signals\{type="pdq"\} \d+/);
    const doc = (await t.call('GET', '/openapi.json', null)).json;
    assert.equal(doc.openapi.slice(0, 1), '3');
    assert.ok(doc.paths['/v1/match']);
    assert.equal((await t.node.app.inject({ method: 'GET', url: '/docs/' })).statusCode, 200);
  });

  test('unknown routes are coded 404s', async () => {
    const res = await t.call('GET', '/v1/nope', matcher);
    assert.equal(res.status, 404);
    assert.equal(res.json.error.code, 'NOT_FOUND');
  });

  test('admin creates keys whose secret is shown once, and lists them without secrets', async () => {
    const created = await t.call('POST', '/v1/keys', t.adminKey, { roles: ['matcher'], purpose: 'upload pipeline' });
    assert.equal(created.status, 201);
    assert.match(created.json.key, /^ck_k[0-9a-f]{12}_/);
    const listed = await t.call('GET', '/v1/keys', t.adminKey);
    assert.ok(!JSON.stringify(listed.json).includes(created.json.key));
    assert.equal((await match([{ type: 'md5', value: '0'.repeat(32) }], {}, created.json.key)).status, 200);
    const partner = await t.call('POST', '/v1/partners', t.adminKey, { id: 'nl-iru', name: 'Referral unit NL', url: 'https://concord.example.nl', sharingGroups: ['eu'] });
    assert.equal(partner.status, 201);
    assert.equal((await t.call('POST', '/v1/keys', t.adminKey, { partnerId: 'missing', roles: ['matcher'] })).json.error.code, 'NOT_FOUND');
  });

  test('the audit chain lists every change and verifies', async () => {
    const page = await t.call('GET', '/v1/audit?limit=5', t.adminKey);
    assert.equal(page.json.entries.length, 5);
    assert.equal(page.json.entries[0].prevHash, '0'.repeat(64));
    const next = await t.call('GET', `/v1/audit?after=${page.json.next}&limit=5`, t.adminKey);
    assert.equal(next.json.entries[0].prevHash, page.json.entries[4].hash);
    assert.deepEqual((await t.call('GET', '/v1/audit/verify', t.adminKey)).json.ok, true);
  });
});

describe('rate limiting', () => {
  test('a key over its limit gets 429 RATE_LIMITED, other keys are unaffected', async () => {
    const limited = await startTestNode({ rateLimitPerMinute: 5 });
    try {
      const a = await limited.keyFor('matcher');
      const b = await limited.keyFor('matcher');
      const q = { signals: [{ type: 'md5', value: '0'.repeat(32) }] };
      for (let i = 0; i < 5; i++) assert.equal((await limited.call('POST', '/v1/match', a, q)).status, 200);
      const over = await limited.call('POST', '/v1/match', a, q);
      assert.equal(over.status, 429);
      assert.equal(over.json.error.code, 'RATE_LIMITED');
      assert.equal((await limited.call('POST', '/v1/match', b, q)).status, 200);
    } finally {
      await limited.node.close();
    }
  });
});
