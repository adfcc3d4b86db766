import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { packageRoot } from '../util/package-root.js';
import { multipart, startTestNode, type TestNode } from './api-test-node.test-helper.js';

const ORIGINAL = readFileSync(join(packageRoot(), 'samples', 'images', 'bridge-original.jpg'));

let t: TestNode;
let curator: string;
let matcher: string;
let bank: number;
before(async () => {
  t = await startTestNode({ maxFileBytes: 4_000_000, maxPixels: 20_000_000 });
  curator = await t.keyFor('curator');
  matcher = await t.keyFor('matcher');
  bank = (await t.call('POST', '/v1/banks', curator, { name: 'evasion-bank' })).json.id;
  const body = multipart(ORIGINAL, 'known.jpg', { label: 'perpetrator_content', reason: 'the attacker video still, as first posted' });
  const added = await t.node.app.inject({ method: 'POST', url: `/v1/banks/${bank}/content`, headers: { authorization: `Bearer ${curator}`, ...body.headers }, payload: body.payload });
  assert.equal(added.statusCode, 201, added.body);
});
after(async () => t.node.close());

async function matchUpload(bytes: Buffer): Promise<any[]> {
  const q = multipart(bytes, 'copy.jpg');
  const res = await t.node.app.inject({ method: 'POST', url: '/v1/match', headers: { authorization: `Bearer ${matcher}`, ...q.headers }, payload: q.payload });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().results;
}

test('an upload of a mirrored, cropped copy matches through pdq_multi by default, and the answer says how', async () => {
  const { width, height } = (await sharp(ORIGINAL).metadata()) as { width: number; height: number };
  const copy = await sharp(ORIGINAL).extract({ left: Math.round(width * 0.05), top: Math.round(height * 0.05), width: Math.round(width * 0.9), height: Math.round(height * 0.9) }).flop().jpeg({ quality: 85 }).toBuffer();
  const results = await matchUpload(copy);
  assert.equal(results.find((r) => r.query.type === 'pdq').matches.length, 0, 'plain pdq misses it, as before');
  const multi = results.find((r) => r.query.type === 'pdq_multi');
  assert.equal(multi.matches.length, 1);
  assert.equal(multi.matches[0].bankId, bank);
  assert.equal(multi.matches[0].label, 'perpetrator_content');
  assert.equal(multi.matches[0].variant, 'dihedral:mirror+window:centre-0.9');
});

test('a hash sent as JSON matches with the variant from the index', async () => {
  const { width, height } = (await sharp(ORIGINAL).metadata()) as { width: number; height: number };
  const letterboxed = await sharp(ORIGINAL).extend({ top: Math.round(height * 0.15), bottom: Math.round(height * 0.15), background: '#000000' }).jpeg().toBuffer();
  const q = multipart(letterboxed, 'l.jpg');
  const hashed = await t.node.app.inject({ method: 'POST', url: '/v1/hash', headers: { authorization: `Bearer ${matcher}`, ...q.headers }, payload: q.payload });
  const value = hashed.json().signals.find((s: any) => s.type === 'pdq_multi').value;
  assert.ok(width > 0);
  const res = await t.call('POST', '/v1/match', matcher, { signals: [{ type: 'pdq_multi', value }] });
  assert.equal(res.status, 200);
  const [match] = res.json.results[0].matches;
  assert.equal(match.bankId, bank);
  assert.equal(match.variant, 'trim');
});

test('an unrelated photograph does not match', async () => {
  const results = await matchUpload(readFileSync(join(packageRoot(), 'samples', 'images', 'unrelated-street.jpg')));
  for (const r of results) assert.deepEqual(r.matches, [], r.query.type);
});
