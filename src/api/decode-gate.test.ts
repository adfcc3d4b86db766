import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { slowPdf } from '../testing/hostile-media.js';
import { repoRoot } from '../testing/repo-root.js';
import { multipart, startTestNode, type TestNode } from './api-test-node.test-helper.js';

let t: TestNode;
let key: string;
let slow: Buffer;
before(async () => {
  // One file decodes at a time and none may wait: the second upload finds the gate full.
  t = await startTestNode({ decodeConcurrency: 1, decodeQueue: 0, decodeTimeoutMs: 1500 });
  key = await t.keyFor('matcher', 'curator');
  slow = await slowPdf(800_000); // takes several times the deadline to read, however idle the machine
});
after(() => t.node.close());

const hash = (file: Buffer, name: string, url = '/v1/hash', fields: Record<string, string> = {}) => {
  const body = multipart(file, name, fields);
  return t.node.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${key}`, ...body.headers }, payload: body.payload });
};

test('while the decode gate is full an upload is refused at once with 503 BUSY and nothing is stored; afterwards uploads are served', async () => {
  const photo = readFileSync(join(repoRoot(), 'samples', 'images', 'bridge-original.jpg'));
  const bank = (await t.call('POST', '/v1/banks', key, { name: 'gate' })).json.id;
  const holding = hash(slow, 'slow.pdf');
  await new Promise((r) => setTimeout(r, 300)); // the PDF is in the gate, being read
  const started = Date.now();
  const refused = await hash(photo, 'photo.jpg', `/v1/banks/${bank}/content`, { label: 'perpetrator_content', reason: 'gate test' });
  assert.equal(refused.statusCode, 503, refused.body);
  assert.equal(refused.json().error.code, 'BUSY');
  assert.match(refused.json().error.message, /retry/);
  assert.ok(Date.now() - started < 1000, 'refused without waiting for the slow file');
  const slowResult = await holding;
  assert.equal(slowResult.json().error?.code, 'MEDIA_TIMEOUT', 'the slow PDF was stopped at its deadline');
  const sha = (await hash(photo, 'photo.jpg')).json().signals.find((s: { type: string }) => s.type === 'sha256').value;
  const stored = await t.call('POST', '/v1/match', key, { signals: [{ type: 'sha256', value: sha }] });
  assert.deepEqual(stored.json.results[0].matches, [], 'the refused upload stored nothing');
  const accepted = await hash(photo, 'photo.jpg', `/v1/banks/${bank}/content`, { label: 'perpetrator_content', reason: 'gate test' });
  assert.equal(accepted.statusCode, 201, accepted.body);
});
