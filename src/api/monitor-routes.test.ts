import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { newApiKey } from '../auth/api-key.js';
import { addSource, startMonitorNode, TestSite, type MonitorTestNode } from '../monitor/monitor-test-node.test-helper.js';
import { repoRoot } from '../testing/repo-root.js';

const image = (name: string) => readFileSync(join(repoRoot(), 'samples', 'images', name));
let t: MonitorTestNode;
let site: TestSite;
let base: string;
let partnerKey: string;

before(async () => {
  t = await startMonitorNode();
  site = new TestSite(t.clock);
  base = await site.start();
  // One photo known locally only, one shared with partners (and confirmed, so it may leave the node).
  const local = await t.know(image('bridge-original.jpg'), { types: ['pdq'], distribution: 'local' });
  const shared = await t.know(image('unrelated-street.jpg'), { types: ['pdq'], distribution: 'partners' });
  void local;
  const reviewers = [newApiKey(), newApiKey()];
  for (const r of reviewers) await t.node.store.createApiKey({ id: r.id, partnerId: t.node.selfPartner, keyHash: r.hash, roles: ['reviewer'], purpose: 'test' }, { partner: t.node.selfPartner, keyId: null });
  for (const s of shared) {
    for (const r of reviewers) {
      const res = await t.call('POST', `/v1/signals/${s.id}/opinions`, r.key, { opinion: 'confirmed', reason: 'reviewed' });
      if (res.json.signal?.confirmedAt) break;
    }
  }
  await t.node.store.createPartner({ id: 'partner-eu', name: 'EU partner', kind: 'partner', url: null, publicKey: null, sharingGroups: [] }, { partner: t.node.selfPartner, keyId: null });
  const pk = newApiKey();
  await t.node.store.createApiKey({ id: pk.id, partnerId: 'partner-eu', keyHash: pk.hash, roles: ['curator', 'reviewer', 'auditor', 'admin'], purpose: 'partner test' }, { partner: t.node.selfPartner, keyId: null });
  partnerKey = pk.key;
  site.set('/page', { body: '<html><img src="/a.jpg"><img src="/b.jpg"></html>' }).set('/a.jpg', { body: image('bridge-original.jpg') }).set('/b.jpg', { body: image('unrelated-street.jpg') });
});
after(async () => {
  await site?.stop();
  await t?.close();
});

test('POST /v1/sources validates before storing: bad URL, kind, label, interval, depth', async () => {
  const good = { url: `${base}/page`, kind: 'html', reason: 'outlet of a designated entity', label: 'branded_propaganda_designated_entity', localTestSite: true };
  const cases: [object, string][] = [
    [{ ...good, url: 'file:///etc/passwd' }, 'SOURCE_INVALID'],
    [{ ...good, url: 'http://user:pw@example.org/' }, 'SOURCE_INVALID'],
    [{ ...good, label: 'separatism' }, 'LABEL_UNKNOWN'],
    [{ ...good, intervalMs: 1000 }, 'SOURCE_INVALID'],
    [{ ...good, depth: 9 }, 'SOURCE_INVALID'],
    [{ ...good, kind: 'ftp' }, 'REQUEST_INVALID'],
  ];
  for (const [body, code] of cases) {
    const res = await t.call('POST', '/v1/sources', t.admin, body);
    assert.equal(res.json.error?.code, code, JSON.stringify(body));
  }
  assert.deepEqual((await t.call('GET', '/v1/sources', t.admin)).json.sources, []);
});

test('sources are node-local: a partner organisation\'s key may not list, add, check or remove them', async () => {
  for (const [method, url] of [['GET', '/v1/sources'], ['POST', '/v1/sources'], ['POST', '/v1/sources/1/check'], ['DELETE', '/v1/sources/1']] as const) {
    const res = await t.call(method, url, partnerKey, {});
    assert.equal(res.status, 403, `${method} ${url}`);
  }
});

test('POST /v1/sources/{id}/check reports; GET /v1/finds shows a partner only finds through signals it may see; DELETE keeps the finds and audits', async () => {
  const id = await addSource(t, { url: `${base}/page`, kind: 'html' });
  const report = await t.call('POST', `/v1/sources/${id}/check`, t.admin);
  assert.equal(report.status, 200);
  assert.equal(report.json.newFinds, 2);
  const own = (await t.call('GET', '/v1/finds', t.admin)).json.finds;
  assert.equal(own.length, 2);
  const partner = await t.call('GET', '/v1/finds', partnerKey);
  assert.equal(partner.status, 200);
  assert.deepEqual(partner.json.finds.map((f: any) => f.url), [`${base}/b.jpg`], 'the find of a local-only signal is not shown to a partner');
  // Alerts carry the narrowest distribution of their signals.
  const byUrl = new Map((await t.alerts('monitor_find')).map((a) => [a.details.url, a.distribution]));
  assert.equal(byUrl.get(`${base}/a.jpg`), 'local');
  assert.equal(byUrl.get(`${base}/b.jpg`), 'partners');
  assert.equal((await t.call('DELETE', `/v1/sources/${id}`, t.admin)).status, 200);
  assert.equal((await t.call('DELETE', `/v1/sources/${id}`, t.admin)).json.error.code, 'NOT_FOUND');
  assert.equal((await t.call('GET', '/v1/finds', t.admin)).json.finds.length, 2);
  const audit = (await t.call('GET', `/v1/audit?subjectType=source&subjectId=${id}`, t.admin)).json.entries.map((e: any) => e.action);
  assert.deepEqual(audit, ['source.add', 'source.remove']);
});

test('GET /v1/finds/{id} and POST /v1/finds/{id}/referral: viewer rule, node-only referral, and each refusal coded with nothing sent', async () => {
  const finds = (await t.call('GET', '/v1/finds', t.admin)).json.finds as any[];
  const localFind = finds.find((f) => f.url === `${base}/a.jpg`);
  const sharedFind = finds.find((f) => f.url === `${base}/b.jpg`);
  assert.equal((await t.call('GET', `/v1/finds/${localFind.id}`, partnerKey)).json.error?.code, 'NOT_FOUND', 'a find seen only through a local signal is not shown to a partner');
  const seen = await t.call('GET', `/v1/finds/${sharedFind.id}`, partnerKey);
  assert.equal(seen.status, 200);
  assert.deepEqual([seen.json.referrals, seen.json.responsiblePartner], [[], null]);
  const fields = { grounds: ['incites'], legalBasis: 'Art. 2(7) Regulation (EU) 2021/784', statementOfReasons: 'Propaganda still of a designated entity, re-posted.', redress: 'Object through the referral.' };
  assert.equal((await t.call('POST', `/v1/finds/${sharedFind.id}/referral`, partnerKey, { ...fields, to: 'partner-eu' })).status, 403, 'a partner\'s key may not refer on this node\'s behalf');
  assert.equal((await t.call('POST', '/v1/finds/99999/referral', t.admin, fields)).json.error?.code, 'NOT_FOUND');
  const missing = await t.call('POST', `/v1/finds/${sharedFind.id}/referral`, t.admin, fields);
  assert.equal(missing.status, 422);
  assert.equal(missing.json.error.code, 'FIND_PARTNER_MISSING', 'no host map here and no `to`');
  assert.equal((await t.call('POST', `/v1/finds/${sharedFind.id}/referral`, t.admin, { ...fields, to: 'nobody-here' })).json.error?.code, 'REFERRAL_PARTNER_UNKNOWN');
  assert.deepEqual((await t.call('GET', '/v1/referrals', t.admin)).json.referrals, [], 'nothing was sent');
  // Gone content is not referred.
  site.set('/b.jpg', { status: 404, body: 'gone' });
  assert.equal(await t.node.monitor.recheckFind(sharedFind.id), 'removed');
  const gone = await t.call('POST', `/v1/finds/${sharedFind.id}/referral`, t.admin, { ...fields, to: 'partner-eu' });
  assert.equal(gone.status, 409);
  assert.equal(gone.json.error.code, 'FIND_REMOVED');
  assert.deepEqual((await t.call('GET', `/v1/finds/${sharedFind.id}`, t.admin)).json.referrals, []);
});
