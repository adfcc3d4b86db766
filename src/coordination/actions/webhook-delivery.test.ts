import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { LoopbackServer } from '../../testing/loopback-server.js';
import { fixedClock } from '../../util/clock.js';
import { forEachDialect } from '../dialects.test-helper.js';
import { startClockedNode, type ClockedNode } from '../../testing/clocked-node.js';
import { verifyWebhookSignature } from './webhook-signature.js';

/** A webhook receiver on 127.0.0.1 that keeps what it got and answers with the status it is told. */
class Receiver extends LoopbackServer {
  readonly got: { headers: IncomingMessage['headers']; body: string }[] = [];
  status = 200;
  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    this.got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    res.writeHead(this.status, { 'content-type': 'text/plain' }).end('a body the node never reads');
  }
}

forEachDialect('signed webhooks', (dialect) => {
  const clock = fixedClock('2026-03-02T08:00:00.000Z');
  let t: ClockedNode;
  const ok = new Receiver();
  const failing = new Receiver();
  before(async () => {
    await ok.start();
    await failing.start();
    failing.status = 503;
    t = await startClockedNode('Webhook node', clock, { ...dialect(), sync: false, alerts: { webhookAllowPrivate: true, webhookMaxAttempts: 4, webhookBackoffMs: 60_000 } });
  });
  after(async () => {
    await t.node.close();
    await ok.stop();
    await failing.stop();
  });

  test('an alert reaches a subscribed webhook, signed over time and body with the rule’s secret', async () => {
    const rule = await t.call('POST', '/v1/actions/rules', t.admin, { description: 'crisis desk', action: 'webhook', url: `${ok.url}/hook`, onAlerts: true });
    assert.equal(rule.status, 201, JSON.stringify(rule.json));
    const secret = rule.json.secret as string;
    assert.ok(secret.length >= 32);
    assert.ok(!JSON.stringify((await t.call('GET', '/v1/actions/rules', t.admin)).json).includes(secret), 'the secret is shown once only');
    await t.call('POST', '/v1/alerts', t.admin, { kind: 'surge', severity: 'warning', title: 'webhook me', subject: { type: 'cluster', id: 'cluster:w' }, dedupeKey: 'w1', distribution: 'partners' });
    assert.equal(await t.node.earlyWarning.runDeliveries(), 1);
    assert.equal(ok.got.length, 1);
    const { headers, body } = ok.got[0]!;
    const ts = Number(headers['concord-timestamp']);
    assert.equal(ts, Date.parse('2026-03-02T08:00:00.000Z') / 1000);
    assert.ok(verifyWebhookSignature(secret, ts, body, String(headers['concord-signature'])), 'the receiver verifies the HMAC');
    assert.ok(!verifyWebhookSignature(secret, ts + 1, body, String(headers['concord-signature'])), 'the time is signed too');
    assert.ok(!verifyWebhookSignature('another secret of enough length', ts, body, String(headers['concord-signature'])));
    assert.equal(headers['concord-event'], 'alert');
    assert.equal(headers['concord-node'], t.node.selfPartner);
    assert.equal(JSON.parse(body).alert.title, 'webhook me');
    const log = await t.call('GET', `/v1/actions/deliveries?ruleId=${rule.json.rule.id}`, t.admin);
    assert.equal(log.status, 200);
    assert.deepEqual(log.json.deliveries.map((d: { status: string; attempts: number; lastStatus: number }) => [d.status, d.attempts, d.lastStatus]), [['delivered', 1, 200]]);
    assert.equal(log.json.deliveries[0].history[0].statusCode, 200);
    assert.equal(await t.node.earlyWarning.runDeliveries(), 0, 'a delivered webhook is not sent again');
  });

  test('a failing receiver is retried with exponential backoff on the clock, then dead-lettered', async () => {
    const rule = await t.call('POST', '/v1/actions/rules', t.admin, { description: 'a desk that is down', action: 'webhook', url: failing.url, onAlerts: true });
    assert.equal(rule.status, 201);
    const id = rule.json.rule.id as string;
    await t.node.earlyWarning.alerts.raise({ kind: 'surge', severity: 'critical', title: 'retry me', subject: { type: 'cluster', id: 'cluster:r' }, dedupeKey: 'r1', distribution: 'partners' });
    const attemptsAt: string[] = [];
    const waits = [0, 60_000, 120_000, 240_000];
    for (const [i, wait] of waits.entries()) {
      clock.advance(wait - 1000);
      if (i > 0) assert.equal(await t.node.earlyWarning.runDeliveries(), 0, 'not due before its backoff has passed');
      clock.advance(1000);
      await t.node.earlyWarning.runDeliveries();
      attemptsAt.push(new Date(clock.now()).toISOString());
      assert.equal(failing.got.length, i + 1);
    }
    const log = (await t.call('GET', `/v1/actions/deliveries?ruleId=${id}`, t.admin)).json.deliveries;
    assert.equal(log.length, 1);
    assert.equal(log[0].status, 'dead');
    assert.equal(log[0].attempts, 4);
    assert.equal(log[0].lastStatus, 503);
    assert.deepEqual(log[0].history.map((h: { at: string; statusCode: number }) => [h.at, h.statusCode]), attemptsAt.map((at) => [at, 503]));
    clock.advance(24 * 3_600_000);
    await t.node.earlyWarning.runDeliveries();
    assert.equal(failing.got.length, 4, 'a dead letter is not retried');
    const dead = await t.call('GET', '/v1/actions/deliveries?status=dead', t.admin);
    assert.deepEqual(dead.json.deliveries.map((d: { ruleId: string }) => d.ruleId), [id]);
  });

  test('bad rules get coded errors and nothing is stored', async () => {
    const before = (await t.call('GET', '/v1/actions/rules', t.admin)).json.rules.length;
    const cases: [unknown, string][] = [
      [{ description: 'no url', action: 'webhook' }, 'ACTION_RULE_INVALID'],
      [{ description: 'bad action', action: 'email' }, 'ACTION_RULE_INVALID'],
      [{ description: 'alerts on a log rule', action: 'log', onAlerts: true }, 'ACTION_RULE_INVALID'],
      [{ description: 'file', action: 'webhook', url: 'file:///etc/passwd' }, 'WEBHOOK_URL_REFUSED'],
      [{ description: 'creds', action: 'webhook', url: 'https://user:pw@example.org/' }, 'WEBHOOK_URL_REFUSED'],
      [{ description: 'who', action: 'review', partner: 'no-such-partner' }, 'ACTION_PARTNER_UNKNOWN'],
      [{ description: 'type', action: 'review', signalTypes: ['pdq', 'photodna2'] }, 'SIGNAL_TYPE_UNKNOWN'],
      [{ description: 'label', action: 'log', labels: ['perpetrator_content', 'separatism'] }, 'LABEL_UNKNOWN'],
      [{ description: 'incident', action: 'review', incidentId: '6f1c2a9e-0d4b-4c1e-9a5e-2b7d8c3f4a10' }, 'INCIDENT_NOT_FOUND'],
    ];
    for (const [body, code] of cases) {
      const res = await t.call('POST', '/v1/actions/rules', t.admin, body);
      assert.equal(res.json.error?.code, code, JSON.stringify(body));
      assert.equal(res.status, code === 'INCIDENT_NOT_FOUND' ? 404 : 422);
    }
    assert.equal((await t.call('GET', '/v1/actions/rules', t.admin)).json.rules.length, before);
  });
});

describe('webhook addresses', () => {
  test('loopback and private addresses are refused unless configured for tests', async () => {
    const clock = fixedClock('2026-03-02T08:00:00.000Z');
    const t = await startClockedNode('Strict node', clock, { sync: false });
    try {
      for (const url of ['http://127.0.0.1:9/hook', 'http://10.1.2.3/', 'http://192.168.0.10/', 'http://169.254.169.254/latest/meta-data', 'http://[::1]:8080/', 'http://[::ffff:127.0.0.1]/', 'http://localhost:9/']) {
        const res = await t.call('POST', '/v1/actions/rules', t.admin, { description: 'inward', action: 'webhook', url });
        assert.equal(res.json.error?.code, 'WEBHOOK_URL_REFUSED', url);
      }
    } finally {
      await t.node.close();
    }
  });
});
