import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { NodeKey } from '../exchange/node-key.js';
import { removalOrder } from '../coordination/referrals/referral-fixtures.test-helper.js';
import { jsonLines, runCli } from './cli-fixtures.test-helper.js';
import { ExitCode } from './exit-codes.js';

test('`referral send|list|show|decide` on a node data folder: sent with flags or a file, listed, shown, and decided only by the receiver', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'concord-cli-referrals-'));
  const partner = NodeKey.generate();
  const added = await runCli('partner', 'add', '--data', dir, '--name', 'Host platform', '--url', 'http://127.0.0.1:9', '--public-key', partner.publicKey, '--json');
  assert.equal(added.code, ExitCode.OK, added.err.join('\n'));
  const hostId = JSON.parse(added.out[0]!).id as string;

  const sent = await runCli(
    'referral', 'send', '--data', dir, '--to', hostId, '--kind', 'removal_order', '--url', 'https://video.example/watch?v=1', '--label', 'perpetrator_content',
    '--ground', 'incites', '--legal-basis', 'Art. 3 Regulation (EU) 2021/784', '--reasons', 'The attacker’s own stream.', '--redress', 'Appeal within 30 days.',
    '--authority', 'National referral unit', '--reference', 'RO-1', '--member-state', 'FR', '--contact-point', 'referral desk', '--json',
  );
  assert.equal(sent.code, ExitCode.OK, sent.err.join('\n'));
  const id = JSON.parse(sent.out[0]!).id as string;
  const file = join(dir, 'order.json');
  writeFileSync(file, JSON.stringify(removalOrder(hostId, 'https://video.example/watch?v=2')));
  assert.equal((await runCli('referral', 'send', '--data', dir, '--file', file)).code, ExitCode.OK);

  const listed = await runCli('referral', 'list', '--data', dir, '--direction', 'out', '--json');
  assert.equal(listed.code, ExitCode.OK);
  assert.equal(jsonLines(listed.out).length, 2);
  const shown = await runCli('referral', 'show', id, '--data', dir);
  assert.equal(JSON.parse(shown.out.join('\n')).order.reference, 'RO-1');

  const decided = await runCli('referral', 'decide', id, '--data', dir, '--outcome', 'removed', '--acted-at', new Date().toISOString());
  assert.equal(decided.code, ExitCode.USAGE);
  assert.match(decided.err.join('\n'), /REFERRAL_WRONG_SIDE/);
  const bad = await runCli('referral', 'send', '--data', dir, '--file', file, '--kind', 'takedown');
  assert.equal(bad.code, ExitCode.USAGE);
  assert.match(bad.err.join('\n'), /REFERRAL_KIND_UNKNOWN/);
  assert.equal(jsonLines((await runCli('referral', 'list', '--data', dir, '--json')).out).length, 2, 'nothing more stored');
});
