import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startClockedNode, type ClockedNode } from '../testing/clocked-nodes.js';
import { fixedClock } from '../util/clock.js';
import { jsonLines, runCli } from './cli-fixtures.test-helper.js';
import { ExitCode } from './exit-codes.js';

let t: ClockedNode;
before(async () => {
  t = await startClockedNode('Cluster CLI node', fixedClock('2026-06-01T10:00:00.000Z'));
});
after(async () => t?.node.close());

test('`concord cluster list|show` through the node API: a near copy is one cluster with its signal; an unknown id is CLUSTER_NOT_FOUND', async () => {
  const bank = (await t.call('POST', '/v1/banks', { name: 'b', description: 'bank' })).json.id;
  const base = '5a'.repeat(32);
  const near = `${'a5'}${base.slice(2)}`; // 8 bits away
  const added = await t.call('POST', `/v1/banks/${bank}/signals`, { signals: [base, near, 'ff'.repeat(32)].map((value) => ({ type: 'pdq', value, label: 'perpetrator_content', reason: 'stream', distribution: 'local' })) });
  assert.equal(added.status, 201, JSON.stringify(added.json));
  await t.node.index.refresh();
  const as = ['--node', t.url, '--key', t.key];
  const list = await runCli('cluster', 'list', ...as, '--json');
  assert.equal(list.code, ExitCode.OK, list.err.join('\n'));
  const clusters = jsonLines(list.out);
  assert.equal(clusters.length, 1);
  assert.equal(clusters[0].id, `cluster:${added.json.signals[0].uid}`);
  assert.equal(clusters[0].size, 2);
  const shown = await runCli('cluster', 'show', clusters[0].id, ...as);
  assert.equal(shown.code, ExitCode.OK, shown.err.join('\n'));
  assert.match(shown.out.join('\n'), new RegExp(added.json.signals[1].uid));
  assert.match(shown.out.join('\n'), /no sightings in that window/);
  const single = await runCli('cluster', 'list', ...as, '--signal', added.json.signals[2].uid, '--json');
  assert.equal(jsonLines(single.out)[0].size, 1);
  const missing = await runCli('cluster', 'show', 'cluster:nope', ...as);
  assert.equal(missing.code, ExitCode.USAGE);
  assert.match(missing.err.join('\n'), /CLUSTER_NOT_FOUND/);
});
