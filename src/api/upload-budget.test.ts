import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../testing/repo-root.js';
import { multipart, startTestNode, type TestNode } from './api-test-node.test-helper.js';
import { ByteBudget, UploadReservation } from './upload-budget.js';

const photo = readFileSync(join(repoRoot(), 'samples', 'images', 'bridge-original.jpg'));
const upload = multipart(photo, 'photo.jpg');

test('a reservation grows within the budget, refuses past it with UPLOAD_BUDGET_EXCEEDED, and gives everything back', () => {
  const budget = new ByteBudget(100);
  const a = new UploadReservation(budget);
  const b = new UploadReservation(budget);
  a.cover(60);
  a.cover(40); // already covered
  assert.throws(() => b.cover(50), (err: any) => err.code === 'UPLOAD_BUDGET_EXCEEDED' && /retry/.test(err.message));
  assert.equal(budget.inUse, 60);
  b.cover(40);
  a.release();
  a.release(); // twice is harmless
  assert.equal(budget.inUse, 40);
  b.release();
  assert.equal(budget.inUse, 0);
});

test('the budget reports once when it is empty again, with the most it held since it was last empty', () => {
  const drained: number[] = [];
  const budget = new ByteBudget(100, (peak) => drained.push(peak));
  assert.ok(budget.tryReserve(40));
  assert.ok(budget.tryReserve(30));
  budget.release(40);
  assert.deepEqual(drained, [], 'still holding 30');
  budget.release(30);
  assert.deepEqual(drained, [70]);
  assert.ok(budget.tryReserve(5));
  budget.release(5);
  assert.deepEqual(drained, [70, 5]);
  budget.release(10);
  assert.deepEqual(drained, [70, 5], 'nothing more was held');
});

describe('uploads under a byte budget', () => {
  let t: TestNode;
  let key: string;
  before(async () => {
    // Room for one upload of the photo at a time.
    t = await startTestNode({ maxFileBytes: 2 * upload.payload.length, uploadBudgetBytes: Math.ceil(upload.payload.length * 1.5) });
    key = await t.keyFor('matcher');
  });
  after(() => t.node.close());

  const send = (payload: Buffer | PassThrough, headers: Record<string, string>) =>
    t.node.app.inject({ method: 'POST', url: '/v1/hash', headers: { authorization: `Bearer ${key}`, ...upload.headers, ...headers }, payload });

  test('while one upload holds the budget another is refused at once with 503, and accepted once the first is done', async () => {
    const slow = new PassThrough();
    const first = send(slow, { 'content-length': String(upload.payload.length) });
    slow.write(upload.payload.subarray(0, 1000)); // the first upload has begun and holds its share
    await new Promise((r) => setTimeout(r, 50));
    const refused = await send(upload.payload, {});
    assert.equal(refused.statusCode, 503);
    assert.equal(refused.json().error.code, 'UPLOAD_BUDGET_EXCEEDED');
    slow.end(upload.payload.subarray(1000));
    const done = await first;
    assert.equal(done.statusCode, 200, done.body);
    assert.ok(done.json().signals.some((s: { type: string }) => s.type === 'pdq'));
    const again = await send(upload.payload, {});
    assert.equal(again.statusCode, 200, again.body);
  });

  test('an upload declaring more than the per-request limit is refused before it is read', async () => {
    const body = new PassThrough();
    const res = send(body, { 'content-length': String(10 * upload.payload.length) });
    const refused = await res;
    assert.equal(refused.statusCode, 413);
    assert.equal(refused.json().error.code, 'BODY_TOO_LARGE');
    body.destroy();
  });

  test('an upload without a declared length is counted as it arrives, refused past its limit, and gives its share back', async () => {
    const big = multipart(Buffer.concat([photo, photo]), 'twice.jpg');
    const body = new PassThrough();
    const res = send(body, big.headers);
    body.end(big.payload);
    const refused = await res;
    assert.ok([413, 503].includes(refused.statusCode), refused.body);
    assert.ok(['UPLOAD_BUDGET_EXCEEDED', 'BODY_TOO_LARGE'].includes(refused.json().error.code));
    const after = await send(upload.payload, {});
    assert.equal(after.statusCode, 200, 'the refused upload gave its share back');
  });
});
