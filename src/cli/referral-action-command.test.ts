import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { removalOrder } from '../coordination/referrals/referral-fixtures.test-helper.js';
import { waitFor } from '../testing/federation-nodes.js';
import { pair, startClockedNode, type ClockedNode } from '../testing/clocked-nodes.js';
import { fixedClock } from '../util/clock.js';
import { runCli } from './cli-fixtures.test-helper.js';
import { ExitCode } from './exit-codes.js';

/**
 * Every referral action from the CLI, against real nodes on 127.0.0.1: A sends a removal
 * order to B, C is the scrutiny authority for B. Each party acts with `concord referral …
 * --node <its URL> --data <its folder>` (its admin.key), and the other parties see it.
 */
describe('`concord referral ack|obstacle|clear-obstacle|scrutiny|scrutiny-decision|complaint|reinstate` through the node API', () => {
  const clock = fixedClock(Date.now());
  let A: ClockedNode, B: ClockedNode, C: ClockedNode;
  // Each way of naming the key: B by its data folder (admin.key), C by the key file, A by the key itself.
  const as = (n: ClockedNode) =>
    n === B ? ['--node', n.url, '--data', dirname(n.node.adminKeyFile!)] : n === C ? ['--node', n.url, '--key-file', n.node.adminKeyFile!] : ['--node', n.url, '--key', n.key];
  const until = (what: string, n: ClockedNode, id: string, check: (r: any) => boolean) =>
    waitFor(`${what} at ${n.name}`, async () => {
      const res = await n.call('GET', `/v1/referrals/${id}`);
      return res.status === 200 && check(res.json);
    });

  before(async () => {
    [B, C] = await Promise.all([startClockedNode('Node B', clock), startClockedNode('Node C', clock)]);
    A = await startClockedNode('Node A', clock, { referrals: { scrutinyAuthorities: { [B.id]: C.id } } });
    await pair(A, B);
    await pair(A, C);
    await pair(B, C);
  });
  after(async () => {
    await Promise.all([A, B, C].filter(Boolean).map((n) => n.node.close()));
  });

  test('each party acts from the CLI; the wrong party, a bad reason and an unreachable node get coded errors and change nothing', async () => {
    const sent = await A.call('POST', '/v1/referrals', removalOrder(B.id, 'https://video.example/watch?v=cli1'));
    assert.equal(sent.status, 201, JSON.stringify(sent.json));
    const id = sent.json.id as string;
    await until('the order', B, id, (r) => r.role === 'receiver');
    await until('the scrutiny copy', C, id, (r) => r.role === 'scrutiny');

    const ack = await runCli('referral', 'ack', id, ...as(B), '--json');
    assert.equal(ack.code, ExitCode.OK, ack.err.join('\n'));
    await until('the acknowledgement', A, id, (r) => r.history.some((e: any) => e.type === 'acknowledged'));

    const before = (await B.call('GET', `/v1/referrals/${id}`)).json;
    assert.equal(before.status, 'acknowledged');
    const badReason = await runCli('referral', 'obstacle', id, ...as(B), '--reason', 'too_busy', '--explanation', 'we are busy today');
    assert.equal(badReason.code, ExitCode.USAGE);
    assert.match(badReason.err.join('\n'), /REFERRAL_OBSTACLE_REASON_UNKNOWN/);
    assert.deepEqual((await B.call('GET', `/v1/referrals/${id}`)).json.history, before.history, 'nothing recorded');

    const obstacle = await runCli('referral', 'obstacle', id, ...as(B), '--reason', 'insufficient_information', '--explanation', 'Which of the videos on the page?');
    assert.equal(obstacle.code, ExitCode.OK, obstacle.err.join('\n'));
    assert.match(obstacle.out.join('\n'), /obstacle recorded; status obstructed/);
    await until('the obstacle', A, id, (r) => r.status === 'obstructed');

    const wrongSide = await runCli('referral', 'clear-obstacle', id, ...as(B), '--explanation', 'clearing my own obstacle');
    assert.equal(wrongSide.code, ExitCode.USAGE);
    assert.match(wrongSide.err.join('\n'), /REFERRAL_WRONG_SIDE/);
    const cleared = await runCli('referral', 'clear-obstacle', id, ...as(A), '--explanation', 'The second video, 03:12 in.');
    assert.equal(cleared.code, ExitCode.OK, cleared.err.join('\n'));
    await until('the clearing', B, id, (r) => r.status !== 'obstructed' && r.clock.dueAt !== null);

    assert.equal((await B.call('POST', `/v1/referrals/${id}/decision`, { outcome: 'removed', actedAt: new Date(clock.now()).toISOString() })).status, 200);
    const scrutiny = await runCli('referral', 'scrutiny', id, ...as(B), '--reasons', 'The video is news reporting, not the perpetrator’s stream.');
    assert.equal(scrutiny.code, ExitCode.OK, scrutiny.err.join('\n'));
    await until('the request for scrutiny', C, id, (r) => r.scrutiny.status === 'requested');
    const finding = await runCli('referral', 'scrutiny-decision', id, ...as(C), '--finding', 'infringement', '--reasons', 'Journalistic reporting (Art. 1(3)).', '--json');
    assert.equal(finding.code, ExitCode.OK, finding.err.join('\n'));
    assert.equal(JSON.parse(finding.out[0]!).scrutiny.status, 'infringement');
    await until('the finding', B, id, (r) => r.status === 'voided');

    const complaint = await runCli('referral', 'complaint', id, ...as(B), '--content-ref', 'https://video.example/watch?v=cli1', '--decision', 'upheld');
    assert.equal(complaint.code, ExitCode.OK, complaint.err.join('\n'));
    const reinstated = await runCli('referral', 'reinstate', id, ...as(B), '--content-ref', 'https://video.example/watch?v=cli1');
    assert.equal(reinstated.code, ExitCode.OK, reinstated.err.join('\n'));
    await until('the reinstatement', A, id, (r) => r.reinstatement?.status === 'done');
    const types = (await A.call('GET', `/v1/referrals/${id}`)).json.history.map((e: any) => e.type).filter((t: string) => t !== 'linked');
    assert.deepEqual(types, ['sent', 'receipt', 'acknowledged', 'obstacle', 'cleared', 'decided', 'scrutiny_requested', 'scrutiny_decided', 'complaint', 'reinstated']);

    const unreachable = await runCli('referral', 'ack', id, '--node', 'http://127.0.0.1:9', '--key', B.key);
    assert.equal(unreachable.code, ExitCode.DEPENDENCY);
    assert.match(unreachable.err.join('\n'), /NODE_UNREACHABLE/);
    const noKey = await runCli('referral', 'ack', id, '--node', B.url, '--key-file', '/nonexistent/admin.key');
    assert.equal(noKey.code, ExitCode.USAGE);
    assert.match(noKey.err.join('\n'), /USAGE_INVALID/);
  });
});
