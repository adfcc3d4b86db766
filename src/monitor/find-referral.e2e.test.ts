import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { pairClocked, startClockedNode, type ClockedNode } from '../testing/clocked-node.js';
import { waitFor } from '../testing/federation-nodes.js';
import { repoRoot } from '../testing/repo-root.js';
import { fixedClock } from '../util/clock.js';
import { addSource, startMonitorNode, TestSite, type MonitorTestNode } from './monitor-test-node.test-helper.js';

const image = (name: string) => readFileSync(join(repoRoot(), 'samples', 'images', name));
const INCIDENT_IMAGE = image('bridge-original.jpg');
const INCIDENT_VARIANT = image('bridge-shrunk.jpg');
const ROUTINE_IMAGE = image('unrelated-street.jpg');
const CRITERIA = ['ongoing_attack', 'perpetrator_produced', 'depicts_killing', 'on_partner_services'].map((criterion) => ({ criterion, met: true, reason: 'established by the crisis cell' }));
export const REFERRAL_FIELDS = {
  grounds: ['incites'],
  legalBasis: 'Art. 2(7) Regulation (EU) 2021/784; the platform terms of service',
  statementOfReasons: 'A still of the attack video released by its perpetrator, re-posted to incite copycats.',
  redress: 'The hosting service may object through the referral (obstacle) or decide not to remove, with reasons.',
};

/**
 * Two real nodes on 127.0.0.1 with one hand-moved clock: A watches a simulated forum and
 * maps the forum's host to B, the partner hosting it; B pulls A's feed as a partner does.
 */
describe('finds, their incident, and referrals to the partner responsible for the host', () => {
  const clock = fixedClock('2026-03-01T00:00:00.000Z');
  let A: MonitorTestNode;
  let B: ClockedNode;
  let site: TestSite;
  let base: string;
  let incidentId: string;
  let shared: { id: number; type: string; uid: string }[];
  let localOnly: { id: number; type: string; uid: string }[];
  let incidentFind: any;
  let routineFind: any;
  let variantFind: any;

  before(async () => {
    B = await startClockedNode('Hosting partner', clock, {}, { listen: true });
    A = await startMonitorNode({ hostPartners: { '127.0.0.1': B.id } }, {}, { listen: true, clock });
    await pairClocked(A, B);
    site = new TestSite(clock);
    base = await site.start();
    const declared = await A.call('POST', '/v1/incidents', A.admin, { title: 'Attack livestream', tier: 'perpetrator_content', criteria: CRITERIA, eventAt: '2026-02-28T21:00:00Z', discoveredAt: '2026-02-28T21:10:00Z', externalRefs: [], leadProtocol: 'concord', distribution: 'partners' });
    assert.equal(declared.status, 201, JSON.stringify(declared.json));
    incidentId = declared.json.incident.id;
    // The still is known under the incident by its PDQ (shared) and its exact digest (kept local).
    shared = await A.know(INCIDENT_IMAGE, { types: ['pdq'], incidentId });
    localOnly = await A.know(INCIDENT_IMAGE, { types: ['md5'], incidentId, distribution: 'local' });
    const routine = await A.know(ROUTINE_IMAGE, { types: ['pdq'] });
    const reviewer = await A.key(['reviewer']);
    const confirmed = await A.call('POST', '/v1/signals/confirm', reviewer, { ids: [...shared, ...localOnly, ...routine].map((s) => s.id) });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.json));
    await A.node.index.refresh();
    site
      .set('/forum/t/1', { body: '<html><img src="/up/still.jpg"><img src="/up/street.jpg"><img src="/up/still-small.jpg"></html>' })
      .set('/up/still.jpg', { body: INCIDENT_IMAGE })
      .set('/up/street.jpg', { body: ROUTINE_IMAGE })
      .set('/up/still-small.jpg', { body: INCIDENT_VARIANT });
    const report = await A.node.monitor.checkSource(await addSource(A, { url: `${base}/forum/t/1`, kind: 'html' }));
    assert.equal(report.newFinds, 3, JSON.stringify(report));
    const finds = (await A.call('GET', '/v1/finds', A.admin)).json.finds as any[];
    incidentFind = finds.find((f) => f.url.endsWith('/still.jpg'));
    routineFind = finds.find((f) => f.url.endsWith('/street.jpg'));
    variantFind = finds.find((f) => f.url.endsWith('/still-small.jpg'));
  });
  after(async () => {
    await site?.stop();
    await B?.node.close();
    await A?.close();
  });

  test('a find links to the incident its matched signals belong to: on the find, per signal, and in its alert; routine content has none', async () => {
    const one = await A.call('GET', `/v1/finds/${incidentFind.id}`, A.admin);
    assert.equal(one.status, 200);
    assert.equal(one.json.incidentId, incidentId);
    assert.deepEqual(one.json.signals.map((s: any) => [s.uid, s.incidentId]).sort(), [...shared, ...localOnly].map((s) => [s.uid, incidentId]).sort());
    assert.equal(one.json.responsiblePartner, B.id, 'the host map proposes the hosting partner');
    assert.deepEqual(one.json.referrals, []);
    assert.equal(routineFind.incidentId, null);
    const alerts = await A.alerts('monitor_find');
    assert.equal(alerts.find((a) => a.subject.id === String(incidentFind.id))?.incidentId, incidentId);
    assert.equal(alerts.find((a) => a.subject.id === String(routineFind.id))?.incidentId, null);
    // The incident's own alerts list (GET /v1/alerts?incident=…) has the find.
    const byIncident = (await A.call('GET', `/v1/alerts?incident=${incidentId}&kind=monitor_find`, A.admin)).json.alerts as any[];
    assert.deepEqual(byIncident.map((a) => a.subject.id).sort(), [String(incidentFind.id), String(variantFind.id)].sort(), 'the original and its re-encoded copy');
  });

  test('POST /v1/finds/{id}/referral refers the find to the partner responsible for its host; the partner receives it; the find records it', async () => {
    const res = await A.call('POST', `/v1/finds/${incidentFind.id}/referral`, A.admin, REFERRAL_FIELDS);
    assert.equal(res.status, 201, JSON.stringify(res.json));
    const referral = res.json.referral;
    assert.equal(referral.receiver, B.id);
    assert.equal(referral.kind, 'referral');
    assert.equal(referral.incidentId, incidentId);
    assert.equal(referral.label, 'branded_propaganda_designated_entity');
    assert.deepEqual(referral.content, { urls: [incidentFind.url], signalUids: shared.map((s) => s.uid) }, 'the local-only signal is not named to the partner');
    assert.deepEqual(res.json.find.referrals.map((r: any) => [r.referralId, r.partner, r.kind]), [[referral.id, B.id, 'referral']]);
    assert.deepEqual((await A.call('GET', `/v1/finds/${incidentFind.id}`, A.admin)).json.referrals.map((r: any) => r.referralId), [referral.id]);
    // B pulls A's feed and holds the referral as its receiver, with the find's URL, signal and incident.
    await waitFor('the referral at the hosting partner', async () => (await B.call('GET', `/v1/referrals/${referral.id}`, B.admin)).status === 200, 15_000);
    const atB = (await B.call('GET', `/v1/referrals/${referral.id}`, B.admin)).json;
    assert.equal(atB.role, 'receiver');
    assert.equal(atB.sender, A.id);
    assert.deepEqual(atB.content, { urls: [incidentFind.url], signalUids: shared.map((s) => s.uid) });
    assert.equal(atB.incidentId, incidentId);
    // Once per partner.
    const again = await A.call('POST', `/v1/finds/${incidentFind.id}/referral`, A.admin, REFERRAL_FIELDS);
    assert.equal(again.status, 409);
    assert.equal(again.json.error.code, 'FIND_ALREADY_REFERRED');
    assert.match(again.json.error.message, new RegExp(referral.id));
  });

  test('a removal order from a find follows the referral service\'s rules: without the Annex I fields it is refused and nothing is recorded', async () => {
    const refused = await A.call('POST', `/v1/finds/${routineFind.id}/referral`, A.admin, { ...REFERRAL_FIELDS, kind: 'removal_order' });
    assert.equal(refused.json.error?.code, 'REFERRAL_FIELDS_INVALID');
    assert.deepEqual((await A.call('GET', `/v1/finds/${routineFind.id}`, A.admin)).json.referrals, []);
    const order = { issuingAuthority: 'National referral unit', reference: 'RO-2026-0107', memberState: 'FR', issuedAt: '2026-03-01T00:00:00Z', contactPoint: 'referral desk, functional mailbox' };
    const sent = await A.call('POST', `/v1/finds/${routineFind.id}/referral`, A.admin, { ...REFERRAL_FIELDS, kind: 'removal_order', to: B.id, order });
    assert.equal(sent.status, 201, JSON.stringify(sent.json));
    assert.equal(sent.json.referral.kind, 'removal_order');
    assert.equal(sent.json.referral.incidentId, null);
    await waitFor('the removal order at the hosting partner', async () => (await B.call('GET', `/v1/referrals/${sent.json.referral.id}`, B.admin)).json.kind === 'removal_order', 15_000);
  });

  test('concord find list and refer: the CLI, a second process on the node\'s store, shows the incident and referrals and refers to the configured partner', async () => {
    const config = join(A.dataDir, 'cli-node.json');
    writeFileSync(config, JSON.stringify({ monitor: { contact: 'monitor-team@example.org', hostPartners: { '127.0.0.1': B.id } } }));
    const cli = (args: string[]) =>
      promisify(execFile)(process.execPath, [join(repoRoot(), 'bin', 'concord.js'), ...args, '--data', A.dataDir, '--config', config]).then(
        (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
      );
    const listed = await cli(['find', 'list', '--json']);
    assert.equal(listed.code, 0, listed.err);
    const byId = new Map(listed.out.trim().split('\n').map((l) => JSON.parse(l)).map((f: any) => [f.id, f]));
    assert.equal(byId.get(incidentFind.id).incidentId, incidentId);
    assert.equal(byId.get(incidentFind.id).referrals.length, 1);
    assert.equal(byId.get(variantFind.id).incidentId, incidentId, 'the re-encoded copy matched the incident\'s PDQ');
    assert.equal(byId.get(variantFind.id).responsiblePartner, B.id);
    const refused = await cli(['find', 'refer', String(incidentFind.id), '--ground', 'incites', '--legal-basis', REFERRAL_FIELDS.legalBasis, '--reasons', REFERRAL_FIELDS.statementOfReasons, '--redress', REFERRAL_FIELDS.redress]);
    assert.equal(refused.code, 2);
    assert.match(refused.err + refused.out, /FIND_ALREADY_REFERRED/);
    const sent = await cli(['find', 'refer', String(variantFind.id), '--ground', 'incites', '--legal-basis', REFERRAL_FIELDS.legalBasis, '--reasons', REFERRAL_FIELDS.statementOfReasons, '--redress', REFERRAL_FIELDS.redress, '--json']);
    assert.equal(sent.code, 0, sent.err);
    const referral = JSON.parse(sent.out);
    assert.equal(referral.receiver, B.id);
    assert.equal(referral.incidentId, incidentId);
    assert.deepEqual(referral.content.urls, [variantFind.url]);
    assert.deepEqual((await A.call('GET', `/v1/finds/${variantFind.id}`, A.admin)).json.referrals.map((r: any) => r.referralId), [referral.id]);
    // The running node serves what the CLI wrote to the partner.
    await waitFor('the CLI\'s referral at the hosting partner', async () => (await B.call('GET', `/v1/referrals/${referral.id}`, B.admin)).status === 200, 15_000);
  });
});
