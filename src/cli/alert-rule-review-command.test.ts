import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { multipart } from '../api/api-test-node.test-helper.js';
import { NodeKey } from '../exchange/node-key.js';
import { startClockedNode, type ClockedNode } from '../testing/clocked-nodes.js';
import { fixedClock } from '../util/clock.js';
import { jsonLines, runCli } from './cli-fixtures.test-helper.js';
import { ExitCode } from './exit-codes.js';

/** A textured image and a re-encoded, slightly altered copy: a near match with a new PDQ. */
async function imagePair(): Promise<{ original: Buffer; variant: Buffer }> {
  const w = 256;
  const raw = Buffer.alloc(w * w * 3);
  for (let y = 0; y < w; y++) for (let x = 0; x < w; x++) raw.set([((x * 7) ^ (y * 13)) & 0xff, (x + y) & 0xff, (x * y) & 0xff], (y * w + x) * 3);
  const img = () => sharp(raw, { raw: { width: w, height: w, channels: 3 } });
  return { original: await img().png().toBuffer(), variant: await img().resize(200, 200).modulate({ brightness: 1.08 }).jpeg({ quality: 70 }).toBuffer() };
}

async function upload(t: ClockedNode, path: string, key: string, file: Buffer, fields: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const m = multipart(file, 'file.bin', fields);
  const res = await fetch(`${t.url}${path}`, { method: 'POST', headers: { ...m.headers, authorization: `Bearer ${key}` }, body: m.payload });
  return { status: res.status, json: await res.json() };
}

/** `concord alert|rule|review`: the real CLI against a real node on 127.0.0.1, acting with API keys. */
describe('`concord alert`, `concord rule` and `concord review` through the node API', () => {
  const clock = fixedClock('2026-03-03T09:00:00.000Z');
  let t: ClockedNode;
  let partnerKey: string;
  const as = (key: string) => ['--node', t.url, '--key', key];
  before(async () => {
    t = await startClockedNode('CLI node', clock, { alerts: { webhookAllowPrivate: true } });
    const partner = await t.call('POST', '/v1/partners', { name: 'Partner platform', url: 'http://127.0.0.1:9', publicKey: NodeKey.generate().publicKey });
    assert.equal(partner.status, 201, JSON.stringify(partner.json));
    const key = await t.call('POST', '/v1/keys', { roles: ['auditor'], purpose: 'partner analysts', partnerId: partner.json.id });
    assert.equal(key.status, 201, JSON.stringify(key.json));
    partnerKey = key.json.key;
  });
  after(async () => t?.node.close());

  test('alert list and show, each under the viewer’s distribution rule', async () => {
    const raise = (distribution: string, id: string) => t.call('POST', '/v1/alerts', { kind: 'surge', severity: 'warning', title: `surge on ${id}`, subject: { type: 'cluster', id }, dedupeKey: `surge:${id}`, distribution, signalUids: ['s-1'], details: { rate: 42 } });
    const shared = (await raise('partners', 'cluster:a')).json;
    const local = (await raise('local', 'cluster:b')).json;
    const list = await runCli('alert', 'list', ...as(t.key), '--json');
    assert.equal(list.code, ExitCode.OK, list.err.join('\n'));
    assert.deepEqual(jsonLines(list.out).map((a) => a.uid), [local.uid, shared.uid]);
    const table = await runCli('alert', 'list', ...as(t.key), '--kind', 'surge');
    assert.match(table.out.join('\n'), /surge on cluster:a/);
    const shown = await runCli('alert', 'show', shared.uid, ...as(t.key));
    assert.equal(shown.code, ExitCode.OK, shown.err.join('\n'));
    assert.match(shown.out.join('\n'), /rate: 42/);

    // A partner organisation's key sees the shared alert, and not the local one: listed or asked for by uid.
    assert.deepEqual(jsonLines((await runCli('alert', 'list', ...as(partnerKey), '--json')).out).map((a) => a.uid), [shared.uid]);
    assert.equal(JSON.parse((await runCli('alert', 'show', shared.uid, ...as(partnerKey), '--json')).out[0]!).uid, shared.uid);
    const hidden = await runCli('alert', 'show', local.uid, ...as(partnerKey));
    assert.equal(hidden.code, ExitCode.USAGE);
    assert.match(hidden.err.join('\n'), /ALERT_NOT_FOUND/);
    assert.doesNotMatch(hidden.err.join('\n'), /cluster:b/);
    assert.match((await runCli('alert', 'show', 'nope', ...as(t.key))).err.join('\n'), /ALERT_NOT_FOUND/);
  });

  test('rule add, list, remove and deliveries; a bad rule and a key without the role are refused and store nothing', async () => {
    const added = await runCli('rule', 'add', ...as(t.key), '--action', 'webhook', '--description', 'takedown queue', '--url', 'http://127.0.0.1:9/hook', '--label', 'perpetrator_content', '--signal-type', 'pdq', '--review-below', '0.8', '--on-alerts', '--json');
    assert.equal(added.code, ExitCode.OK, added.err.join('\n'));
    const { rule, secret } = JSON.parse(added.out[0]!);
    assert.equal(typeof secret, 'string');
    assert.deepEqual([rule.action, rule.labels, rule.signalTypes, rule.reviewBelow, rule.onAlerts], ['webhook', ['perpetrator_content'], ['pdq'], 0.8, true]);
    const human = await runCli('rule', 'add', ...as(t.key), '--action', 'log', '--description', 'statistics');
    assert.match(human.out.join('\n'), /→ log/);

    const noUrl = await runCli('rule', 'add', ...as(t.key), '--action', 'webhook', '--description', 'missing url');
    assert.equal(noUrl.code, ExitCode.USAGE);
    assert.match(noUrl.err.join('\n'), /ACTION_RULE_INVALID/);
    const forbidden = await runCli('rule', 'add', ...as(partnerKey), '--action', 'log', '--description', 'not mine to add');
    assert.notEqual(forbidden.code, ExitCode.OK);
    assert.match(forbidden.err.join('\n'), /FORBIDDEN|ROLE/);
    assert.equal(jsonLines((await runCli('rule', 'list', ...as(t.key), '--json')).out).length, 2, 'nothing more stored');

    // The webhook rule subscribed to alerts: the alerts of the first test queued nothing (they came before it); a new one does.
    await t.call('POST', '/v1/alerts', { kind: 'surge', severity: 'warning', title: 'another surge', subject: { type: 'cluster', id: 'cluster:c' }, dedupeKey: 'surge:c', distribution: 'partners' });
    const deliveries = await runCli('rule', 'deliveries', ...as(t.key), '--rule', rule.id, '--json');
    assert.deepEqual(jsonLines(deliveries.out).map((d) => [d.event, d.status]), [['alert', 'pending']]);

    const removed = await runCli('rule', 'remove', rule.id, ...as(t.key));
    assert.equal(removed.code, ExitCode.OK, removed.err.join('\n'));
    const listed = await runCli('rule', 'list', ...as(t.key));
    assert.match(listed.out.join('\n'), new RegExp(`${rule.id}.*disabled`));
    assert.match((await runCli('rule', 'remove', 'no-such-rule', ...as(t.key))).err.join('\n'), /ACTION_RULE_NOT_FOUND|NOT_FOUND/);
  });

  test('review list, approve and reject: a new-variant candidate from an uploaded near copy, approved into a bank', async () => {
    const { original, variant } = await imagePair();
    const bank = await t.call('POST', '/v1/banks', { name: 'variants', description: 'variants bank' });
    const added = await upload(t, `/v1/banks/${bank.json.id}/content`, t.key, original, { label: 'perpetrator_content', reason: 'the original', distribution: 'local' });
    assert.equal(added.status, 201, JSON.stringify(added.json));
    await t.node.index.refresh();
    const matched = await upload(t, '/v1/match', t.key, variant);
    assert.equal(matched.status, 200, JSON.stringify(matched.json));

    const list = await runCli('review', 'list', ...as(t.key), '--kind', 'variant_candidate', '--status', 'pending', '--json');
    assert.equal(list.code, ExitCode.OK, list.err.join('\n'));
    const candidates = jsonLines(list.out);
    assert.ok(candidates.length >= 1, 'at least the PDQ of the variant is proposed');
    assert.ok(candidates.every((c) => c.kind === 'variant_candidate' && /^cluster:/.test(c.cluster)));
    const [first, ...rest] = candidates;

    const noBank = await runCli('review', 'approve', String(first.id), ...as(t.key));
    assert.equal(noBank.code, ExitCode.USAGE);
    assert.match(noBank.err.join('\n'), /ACTION_REVIEW_INVALID/);
    const approved = await runCli('review', 'approve', String(first.id), ...as(t.key), '--bank', String(bank.json.id), '--label', 'perpetrator_content', '--json');
    assert.equal(approved.code, ExitCode.OK, approved.err.join('\n'));
    const item = JSON.parse(approved.out[0]!);
    assert.equal(item.status, 'accepted');
    const signal = await t.call('GET', `/v1/signals/${item.acceptedSignalId}`);
    assert.equal(signal.json.value ?? signal.json.signal?.value, first.candidate.value);
    const again = await runCli('review', 'reject', String(first.id), ...as(t.key), '--reason', 'changed my mind');
    assert.match(again.err.join('\n'), /ACTION_REVIEW_DECIDED/);
    for (const c of rest) assert.equal((await runCli('review', 'reject', String(c.id), ...as(t.key), '--reason', 'the same content, already kept')).code, ExitCode.OK);
    assert.deepEqual(jsonLines((await runCli('review', 'list', ...as(t.key), '--status', 'pending', '--json')).out), []);
    assert.equal((await runCli('review', 'approve', 'x1', ...as(t.key))).code, ExitCode.USAGE);
  });
});
