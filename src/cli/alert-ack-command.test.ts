import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startClockedNode, type ClockedNode } from '../testing/clocked-node.js';
import { fixedClock } from '../util/clock.js';
import { jsonLines, runCli } from './cli-fixtures.test-helper.js';
import { ExitCode } from './exit-codes.js';

/** `concord alert ack` and `alert list --acknowledged`: the real CLI against a real node on 127.0.0.1, with API keys. */
const clock = fixedClock('2026-06-01T07:00:00.000Z');
let t: ClockedNode;
let reviewer: string;
let auditor: string;
const as = (key: string) => ['--node', t.url!, '--key', key];

before(async () => {
  t = await startClockedNode('CLI ack node', clock, { sync: false }, { listen: true });
  reviewer = await t.key(['reviewer']);
  auditor = await t.key(['auditor']);
});
after(async () => t?.node.close());

const raise = async (title: string) => {
  const res = await t.call('POST', '/v1/alerts', t.admin, { kind: 'surge', severity: 'critical', title, subject: { type: 'cluster', id: `cluster:${title}` }, dedupeKey: `cli-${title}`, distribution: 'partners' });
  assert.equal(res.status, 201, JSON.stringify(res.json));
  return res.json.uid as string;
};

test('alert ack records the time, the key and the note; list filters on it and show prints it', async () => {
  const uid = await raise('surge one');
  await raise('surge two');
  clock.set('2026-06-01T07:30:00.000Z');
  const acked = await runCli('alert', 'ack', uid, ...as(reviewer), '--note', 'blocked upstream', '--json');
  assert.equal(acked.code, ExitCode.OK, acked.err.join('\n'));
  const keyId = (await t.call('GET', '/v1/me', reviewer)).json.keyId;
  assert.deepEqual(JSON.parse(acked.out[0]!).acknowledgement, { at: '2026-06-01T07:30:00.000Z', keyId, note: 'blocked upstream' });

  const done = await runCli('alert', 'list', ...as(auditor), '--acknowledged', 'true', '--json');
  assert.equal(done.code, ExitCode.OK, done.err.join('\n'));
  assert.deepEqual(jsonLines(done.out).map((a) => a.title), ['surge one']);
  assert.deepEqual(jsonLines((await runCli('alert', 'list', ...as(auditor), '--acknowledged', 'false', '--json')).out).map((a) => a.title), ['surge two']);
  const table = (await runCli('alert', 'list', ...as(auditor))).out.join('\n');
  assert.match(table, /acknowledged/);
  assert.ok(table.includes(`2026-06-01T07:30:00.000Z (${keyId})`), table);
  const shown = await runCli('alert', 'show', uid, ...as(auditor));
  assert.match(shown.out.join('\n'), new RegExp(`acknowledged at 2026-06-01T07:30:00.000Z with key ${keyId}: blocked upstream`));
});

test('a second ack, an unknown alert, a key without the role and a bad filter exit with the coded error', async () => {
  const uid = await raise('surge three');
  assert.equal((await runCli('alert', 'ack', uid, ...as(reviewer))).code, ExitCode.OK);
  const again = await runCli('alert', 'ack', uid, ...as(t.admin), '--note', 'mine');
  assert.equal(again.code, ExitCode.USAGE);
  assert.match(again.err.join('\n'), /ALERT_ALREADY_ACKNOWLEDGED/);
  const unknown = await runCli('alert', 'ack', 'no-such-alert', ...as(reviewer));
  assert.equal(unknown.code, ExitCode.USAGE);
  assert.match(unknown.err.join('\n'), /ALERT_NOT_FOUND/);
  const auditorAck = await runCli('alert', 'ack', await raise('surge four'), ...as(auditor));
  assert.notEqual(auditorAck.code, ExitCode.OK);
  assert.match(auditorAck.err.join('\n'), /FORBIDDEN|ROLE/);
  const badFilter = await runCli('alert', 'list', ...as(auditor), '--acknowledged', 'perhaps');
  assert.equal(badFilter.code, ExitCode.USAGE);
  assert.match(badFilter.err.join('\n'), /REQUEST_INVALID/);
  // Nothing was changed by the refusals: one acknowledgement, the reviewer's.
  const ack = (await t.call('GET', `/v1/alerts/${encodeURIComponent(uid)}`, t.admin)).json.acknowledgement;
  assert.equal(ack.keyId, (await t.call('GET', '/v1/me', reviewer)).json.keyId);
  assert.equal(ack.note, '');
});
