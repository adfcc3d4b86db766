import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { forEachDialect } from '../coordination/dialects.test-helper.js';
import { verifyWebhookSignature } from '../coordination/actions/webhook-signature.js';
import { addSource, startMonitorNode, TestSite, type MonitorTestNode } from '../monitor/monitor-test-node.test-helper.js';
import { pairClocked, startClockedNode, type ClockedNode } from '../testing/clocked-node.js';
import { waitFor } from '../testing/federation-nodes.js';
import { LoopbackServer } from '../testing/loopback-server.js';
import { repoRoot } from '../testing/repo-root.js';
import { fixedClock } from '../util/clock.js';

const image = (name: string) => readFileSync(join(repoRoot(), 'samples', 'images', name));
const SHARED_IMAGE = image('bridge-original.jpg');
const LOCAL_IMAGE = image('unrelated-street.jpg');

/** A webhook receiver on 127.0.0.1 that keeps what it got. */
class Receiver extends LoopbackServer {
  readonly got: { headers: IncomingMessage['headers']; body: string }[] = [];
  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    this.got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    res.writeHead(204).end();
  }
}

/**
 * `concord source check` in a process of its own, on the store of a node that serves it:
 * its finds raise the alerts a check inside `concord serve` raises (stored, on the feed
 * for the partners who may see them, queued for the signed webhooks), read back over HTTP.
 */
forEachDialect('alerts of `concord source check` run as its own process', (dialect) => {
  // Near real time: the CLI process stamps and signs with the real clock, the nodes with this one.
  const clock = fixedClock(Date.now());
  let A: MonitorTestNode;
  let B: ClockedNode;
  let site: TestSite;
  let base: string;
  const hook = new Receiver();

  before(async () => {
    await hook.start();
    // B, the partner, keeps its own store on SQLite: the dialect under test is A's, which the CLI opens.
    B = await startClockedNode('Partner B', clock, {}, { listen: true });
    A = await startMonitorNode({}, { ...dialect(), alerts: { webhookAllowPrivate: true } }, { listen: true, clock });
    await pairClocked(A, B);
    site = new TestSite();
    base = await site.start();
  });
  after(async () => {
    await site?.stop();
    await hook.stop();
    await B?.node.close();
    await A?.close();
  });

  test('a find by the CLI is in the node\'s alert store (GET /v1/alerts over HTTP), reaches the partner who may see it by the feed, and is delivered signed to the webhook rule', async () => {
    const shared = await A.know(SHARED_IMAGE, { types: ['pdq'], distribution: 'partners' });
    const local = await A.know(LOCAL_IMAGE, { types: ['pdq'], distribution: 'partners' });
    // Only the shared photo's signal is confirmed: an alert naming an unconfirmed signal stays on the node.
    const reviewer = await A.key(['reviewer']);
    assert.equal((await A.call('POST', '/v1/signals/confirm', reviewer, { ids: shared.map((s) => s.id) })).status, 200);
    const rule = await A.call('POST', '/v1/actions/rules', A.admin, { description: 'monitoring desk', action: 'webhook', url: `${hook.url}/alerts`, onAlerts: true });
    assert.equal(rule.status, 201, JSON.stringify(rule.json));
    site.set('/board', { body: '<html><img src="/a.jpg"><img src="/b.jpg"></html>' }).set('/a.jpg', { body: SHARED_IMAGE }).set('/b.jpg', { body: LOCAL_IMAGE });
    const id = await addSource(A, { url: `${base}/board`, kind: 'html' });

    const config = join(A.dataDir, 'cli-node.json');
    writeFileSync(config, JSON.stringify({ monitor: { contact: 'monitor-team@example.org', perHostIntervalMs: 0 } }));
    const db = (dialect() as { db?: string }).db;
    const checked = await promisify(execFile)(process.execPath, [join(repoRoot(), 'bin', 'concord.js'), 'source', 'check', String(id), '--json', '--data', A.dataDir, '--config', config, ...(db ? ['--db', db] : [])]);
    const report = JSON.parse(checked.stdout);
    assert.equal(report.newFinds, 2, checked.stdout);
    assert.doesNotMatch(checked.stderr, /monitor_find/, 'the alerts are not written to stderr');
    const finds = (await A.call('GET', `/v1/finds?sourceId=${id}`, A.admin)).json.finds as any[];
    const sharedFind = finds.find((f) => f.url.endsWith('/a.jpg'));
    const localFind = finds.find((f) => f.url.endsWith('/b.jpg'));

    // The serving node's own API, over real HTTP, has both alerts.
    const res = await fetch(`${A.url}/v1/alerts?kind=monitor_find`, { headers: { authorization: `Bearer ${A.admin}` } });
    assert.equal(res.status, 200);
    const alerts = ((await res.json()) as { alerts: any[] }).alerts;
    const bySubject = new Map(alerts.map((a) => [a.subject.id, a]));
    assert.equal(alerts.length, 2);
    const sharedAlert = bySubject.get(String(sharedFind.id));
    const localAlert = bySubject.get(String(localFind.id));
    assert.equal(sharedAlert.origin, A.id, 'raised by the node itself');
    assert.equal(sharedAlert.dedupeKey, `monitor_find:${sharedFind.id}`);
    assert.deepEqual(sharedAlert.signalUids, shared.map((s) => s.uid));
    assert.equal(sharedAlert.details.url, `${base}/a.jpg`);
    assert.equal(sharedAlert.distribution, 'partners');
    assert.equal(localAlert.distribution, 'local');
    assert.deepEqual(localAlert.signalUids, local.map((s) => s.uid));

    // The webhook rule: both alerts queued in their transactions, sent signed by the node's dispatcher
    // once they are due on its clock (the CLI queued them at real time, past the node's hand-moved clock).
    clock.advance(Math.max(0, Date.now() - clock.now()) + 1000);
    assert.equal(await A.node.earlyWarning.runDeliveries(), 2);
    assert.equal(hook.got.length, 2);
    const secret = rule.json.secret as string;
    for (const { headers, body } of hook.got) {
      assert.ok(verifyWebhookSignature(secret, Number(headers['concord-timestamp']), body, String(headers['concord-signature'])));
      assert.equal(headers['concord-node'], A.id);
    }
    assert.deepEqual(hook.got.map((g) => JSON.parse(g.body).alert.uid).sort(), [sharedAlert.uid, localAlert.uid].sort());

    // The partner pulls A's feed: the shared alert arrives, the local one never went on it.
    await waitFor('the alert at partner B', async () => ((await B.call('GET', '/v1/alerts?kind=monitor_find', B.admin)).json.alerts as any[]).length > 0, 15_000);
    await waitFor('B caught up with A\'s feed', async () => {
      const cursor = (await B.call('GET', '/v1/partners', B.admin)).json.partners?.find((p: any) => p.id === A.id)?.sync;
      return cursor ? cursor.lastSeq >= cursor.remoteHead : true;
    });
    const atB = (await B.call('GET', '/v1/alerts?kind=monitor_find', B.admin)).json.alerts as any[];
    assert.deepEqual(atB.map((a) => [a.uid, a.receivedFrom]), [[sharedAlert.uid, A.id]]);
  });
});
