import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { multipart } from '../../api/api-test-node.test-helper.js';
import { fixedClock } from '../../util/clock.js';
import { addConfirmedSignal, startClockedNode, type ClockedNode } from '../../testing/clocked-node.js';

const flip = (hex: string, bits: number): string => {
  const b = Buffer.from(hex, 'hex');
  for (let i = 0; i < bits; i++) b[i >> 3]! ^= 1 << (i & 7);
  return b.toString('hex');
};

/** A textured image (a pattern PDQ has something to say about), and a re-encoded, slightly altered copy. */
async function imagePair(): Promise<{ original: Buffer; variant: Buffer }> {
  const w = 256;
  const raw = Buffer.alloc(w * w * 3);
  for (let y = 0; y < w; y++) for (let x = 0; x < w; x++) {
    const v = ((x * 7) ^ (y * 13)) & 0xff;
    raw.set([v, (x + y) & 0xff, (x * y) & 0xff], (y * w + x) * 3);
  }
  const original = await sharp(raw, { raw: { width: w, height: w, channels: 3 } }).png().toBuffer();
  const variant = await sharp(raw, { raw: { width: w, height: w, channels: 3 } }).resize(200, 200).modulate({ brightness: 1.08 }).jpeg({ quality: 70 }).toBuffer();
  return { original, variant };
}

describe('action rules on matches, and the review queue', () => {
  const clock = fixedClock('2026-03-03T09:00:00.000Z');
  let t: ClockedNode;
  let pdq: string;
  before(async () => {
    t = await startClockedNode('Actions node', clock, { sync: false, alerts: { webhookAllowPrivate: true } });
    pdq = 'a5'.repeat(32);
    await addConfirmedSignal(t, { type: 'pdq', value: pdq });
  });
  after(async () => t.node.close());

  test('a sure match follows the rule, an unsure one goes to human review, a log rule only logs', async () => {
    const hook = await t.call('POST', '/v1/actions/rules', t.admin, { description: 'takedown queue', action: 'webhook', url: 'http://127.0.0.1:9/never-called', labels: ['perpetrator_content'], signalTypes: ['pdq'], reviewBelow: 0.8 });
    assert.equal(hook.status, 201);
    const log = await t.call('POST', '/v1/actions/rules', t.admin, { description: 'statistics', action: 'log', labels: ['glorification_of_attack'] });
    assert.equal(log.status, 201);
    const matcher = await t.key(['matcher']);
    const exact = await t.call('POST', '/v1/match', matcher, { signals: [{ type: 'pdq', value: pdq }] });
    assert.equal(exact.json.results[0].matches.length, 1);
    const near = await t.call('POST', '/v1/match', matcher, { signals: [{ type: 'pdq', value: flip(pdq, 20) }] });
    assert.equal(near.json.results[0].matches[0].distance, 20);
    const deliveries = (await t.call('GET', `/v1/actions/deliveries?ruleId=${hook.json.rule.id}`, t.admin)).json.deliveries;
    assert.deepEqual(deliveries.map((d: { status: string; body: { match: { distance: number; confidence: number } } }) => [d.status, d.body.match.distance, d.body.match.confidence]), [['pending', 0, 1]]);
    assert.ok(!JSON.stringify(deliveries).includes(matcher), 'nothing about the requester is kept');
    const queue = (await t.call('GET', '/v1/review?kind=match&status=pending', t.admin)).json.items;
    assert.equal(queue.length, 1);
    assert.equal(queue[0].distance, 20);
    assert.ok(queue[0].confidence < 0.8);
    assert.equal(queue[0].ruleId, hook.json.rule.id);
    // The log rule's label did not match: nothing logged.
    assert.equal((await t.call('GET', `/v1/actions/deliveries?ruleId=${log.json.rule.id}`, t.admin)).json.deliveries.length, 0);
    const reviewer = await t.key(['reviewer']);
    const rejected = await t.call('POST', `/v1/review/${queue[0].id}/reject`, reviewer, { reason: 'a different video' });
    assert.equal(rejected.status, 200);
    assert.equal(rejected.json.status, 'rejected');
    const again = await t.call('POST', `/v1/review/${queue[0].id}/accept`, reviewer, {});
    assert.equal(again.status, 409);
    assert.equal(again.json.error.code, 'ACTION_REVIEW_DECIDED');
    const disabled = await t.call('POST', `/v1/actions/rules/${hook.json.rule.id}/disable`, t.admin, {});
    assert.ok(disabled.json.disabledAt);
    await t.call('POST', '/v1/match', matcher, { signals: [{ type: 'pdq', value: pdq }] });
    assert.equal((await t.call('GET', `/v1/actions/deliveries?ruleId=${hook.json.rule.id}`, t.admin)).json.deliveries.length, 1, 'a disabled rule does nothing');
  });

  test('an uploaded file that matches a known signal proposes its own unknown hashes as variant candidates', async () => {
    const { original, variant } = await imagePair();
    const bank = await t.call('POST', '/v1/banks', t.admin, { name: 'variants', description: 'variants bank' });
    const up = multipart(original, 'original.png', { label: 'perpetrator_content', reason: 'the original', distribution: 'local' });
    const added = await t.node.app.inject({ method: 'POST', url: `/v1/banks/${bank.json.id}/content`, headers: { ...up.headers, authorization: `Bearer ${t.admin}` }, payload: up.payload });
    assert.equal(added.statusCode, 201, added.body);
    await t.node.index.refresh();
    const matcher = await t.key(['matcher']);
    const m = multipart(variant, 'variant.jpg');
    const res = await t.node.app.inject({ method: 'POST', url: '/v1/match', headers: { ...m.headers, authorization: `Bearer ${matcher}` }, payload: m.payload });
    assert.equal(res.statusCode, 200, res.body);
    const pdqMatch = res.json().results.find((r: { query: { type: string } }) => r.query.type === 'pdq');
    assert.ok(pdqMatch.matches.length > 0 && pdqMatch.matches[0].distance > 0, `the variant is a near match (${JSON.stringify(pdqMatch.matches)})`);
    const candidates = (await t.call('GET', '/v1/review?kind=variant_candidate', t.admin)).json.items;
    const pdqCandidate = candidates.find((c: { candidate: { type: string } }) => c.candidate.type === 'pdq');
    assert.ok(pdqCandidate, JSON.stringify(candidates));
    assert.equal(pdqCandidate.candidate.value, pdqMatch.query.value);
    // The candidate names the known signal it matched: the image's pdq or its pdq_multi (same content, same cluster).
    assert.ok(added.json().signals.some((s: { uid: string }) => s.uid === pdqCandidate.signalUid), `${pdqCandidate.signalUid} is one of the known image's signals`);
    assert.match(pdqCandidate.cluster, /^cluster:/);
    // Uploading it again proposes nothing new.
    await t.node.app.inject({ method: 'POST', url: '/v1/match', headers: { ...m.headers, authorization: `Bearer ${matcher}` }, payload: m.payload });
    assert.equal((await t.call('GET', '/v1/review?kind=variant_candidate', t.admin)).json.items.length, candidates.length);
    const reviewer = await t.key(['reviewer']);
    const missing = await t.call('POST', `/v1/review/${pdqCandidate.id}/accept`, reviewer, {});
    assert.equal(missing.json.error.code, 'ACTION_REVIEW_INVALID');
    const accepted = await t.call('POST', `/v1/review/${pdqCandidate.id}/accept`, reviewer, { bankId: bank.json.id, label: 'perpetrator_content' });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.json));
    const signal = await t.call('GET', `/v1/signals/${accepted.json.acceptedSignalId}`, t.admin);
    assert.equal(signal.json.value ?? signal.json.signal?.value, pdqMatch.query.value);
  });
});
