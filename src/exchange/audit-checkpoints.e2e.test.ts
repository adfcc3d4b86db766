import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { openSqliteStore } from '../store/sqlite/sqlite-database.js';
import { forgetOwnCheckpoints, rechainAudit, truncateAudit } from '../testing/audit-tamper.js';
import { addSignal, fastSyncConfig, randomPdq, register, startFedNode, waitFor, type FedNode } from '../testing/federation-nodes.js';
import { packageRoot } from '../util/package-root.js';

const run = promisify(execFile);

/** `concord audit verify` on a node's data folder: its exit code, output and error text. */
async function auditVerify(node: FedNode, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(packageRoot(), 'bin', 'concord.js'), 'audit', 'verify', '--data', node.proc.dataDir, ...args]);
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout, err: err.stderr };
  }
}

/**
 * Two real nodes: A publishes audit checkpoints on its feed, B keeps them. Someone with
 * write access to A's database rewrites and cuts A's audit chain and deletes A's own
 * checkpoints, so A's chain verifies on its own; B's copies still catch both.
 */
describe("audit checkpoints held by a partner catch a rewritten or truncated chain", () => {
  let A: FedNode, B: FedNode;

  before(async () => {
    [A, B] = await Promise.all([startFedNode('Node A', { config: fastSyncConfig({ auditCheckpointEvery: 3 }) }), startFedNode('Node B')]);
    await register(A, B);
    await register(B, A);
  });
  after(async () => Promise.all([A, B].filter(Boolean).map((n) => n.proc.kill())));

  test('rewritten, then truncated: detected with the partner copy, by the CLI and the API', async () => {
    for (let i = 0; i < 4; i++) await addSignal(A, randomPdq(), 'partners');
    let report: any;
    await waitFor('B holds and serves A’s checkpoints', async () => {
      report = (await A.proc.call('GET', '/v1/audit/verify?withPartners=true', A.key)).json;
      return report.checkpoints?.partners.some((p: { partner: string; checked: number }) => p.partner === B.id && p.checked >= 2);
    });
    assert.equal(report.ok, true);
    await A.proc.kill();

    const store = await openSqliteStore(join(A.proc.dataDir, 'concord.db'));
    const last = (await store.listAuditCheckpoints(A.id, 1))[0]!;
    await rechainAudit(store.db, { seq: 2, details: { name: 'nothing to see' } });
    await forgetOwnCheckpoints(store.db, A.id);
    await store.close();

    const local = await auditVerify(A);
    assert.equal(local.code, 0, `alone, A cannot tell: ${local.err}`);
    const rewritten = await auditVerify(A, '--with-partners');
    assert.notEqual(rewritten.code, 0);
    assert.match(rewritten.err, /^AUDIT_CHAIN_BROKEN: entry \d+: .*rewritten.*held by partner/m);

    const again = await openSqliteStore(join(A.proc.dataDir, 'concord.db'));
    await truncateAudit(again.db, last.length - 1);
    await again.close();
    const truncated = await auditVerify(A, '--with-partners', '--json');
    assert.notEqual(truncated.code, 0);
    assert.match(truncated.err, new RegExp(`AUDIT_CHAIN_BROKEN: entry ${last.length}: .*truncated`));
    assert.equal(JSON.parse(truncated.out).ok, false);

    await A.proc.restart();
    const api = await A.proc.call('GET', '/v1/audit/verify?withPartners=true&strict=true', A.key);
    assert.equal(api.status, 500);
    assert.equal(api.json.error.code, 'AUDIT_CHAIN_BROKEN');
    assert.match(api.json.error.message, /truncated.*held by partner/);
  });
});
