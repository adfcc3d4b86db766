import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { forEachDialect } from '../../coordination/dialects.test-helper.js';
import { NodeKey } from '../../exchange/node-key.js';
import { startClockedNode, type ClockedNode } from '../../testing/clocked-node.js';
import { fixedClock } from '../../util/clock.js';

const CRITERIA = ['ongoing_attack', 'perpetrator_produced', 'depicts_killing', 'on_partner_services'].map((criterion) => ({ criterion, met: true, reason: 'established by the desk' }));
const TIERS = [
  { name: 'crisis', requires: ['ongoing_attack', 'depicts_killing'] },
  { name: 'watch', requires: [] },
];

/**
 * The choices of the coordination forms (configured incident tiers, partner nodes by id and
 * name) for the roles that fill them in, and the referral list's incident filter.
 */
forEachDialect('coordination choices and the referral incident filter', (dialect) => {
  const clock = fixedClock('2026-05-04T12:00:00.000Z');
  let t: ClockedNode;
  const keys: Record<string, string> = {};
  let partnerKey: string;
  let nodeB: string;
  let nodeC: string;
  before(async () => {
    t = await startClockedNode('Choices node', clock, { ...dialect(), sync: false, incidents: { tiers: TIERS } });
    const reg = async (body: Record<string, unknown>) => {
      const res = await t.call('POST', '/v1/partners', t.admin, body);
      assert.equal(res.status, 201, JSON.stringify(res.json));
      return res.json.id as string;
    };
    nodeB = await reg({ name: 'Zeta video platform', url: 'http://127.0.0.1:9', publicKey: NodeKey.generate().publicKey });
    nodeC = await reg({ name: 'Alpha forum host', url: 'http://127.0.0.1:9', publicKey: NodeKey.generate().publicKey });
    // An organisation without a node (it uses keys issued here): no referral can reach it.
    await reg({ id: 'org-keys-only', name: 'Research desk', sharingGroups: ['eu'] });
    for (const role of ['admin', 'curator', 'reviewer', 'matcher', 'auditor']) keys[role] = await t.key([role]);
    partnerKey = await t.key(['curator'], 'org-keys-only');
  });
  after(async () => t.node.close());

  test('GET /v1/incident-tiers: the configured tiers in order, with what each requires, for the roles that read incidents', async () => {
    for (const role of ['admin', 'curator', 'reviewer', 'auditor']) {
      const res = await t.call('GET', '/v1/incident-tiers', keys[role]!);
      assert.equal(res.status, 200, `${role}: ${JSON.stringify(res.json)}`);
      assert.deepEqual(res.json, { tiers: TIERS.map((x) => ({ tier: x.name, requires: x.requires })) });
    }
    assert.equal((await t.call('GET', '/v1/incident-tiers', keys.matcher!)).status, 403);
    assert.equal((await t.call('GET', '/v1/incident-tiers', null)).status, 401);
    // The same list the declaration is checked against: a tier not in it is refused.
    const bad = await t.call('POST', '/v1/incidents', keys.curator!, { title: 'default tier name', tier: 'perpetrator_content', criteria: CRITERIA, eventAt: '2026-05-04T11:00:00Z', discoveredAt: '2026-05-04T11:30:00Z' });
    assert.equal(bad.status, 422, JSON.stringify(bad.json));
  });

  test('GET /v1/partner-nodes: ids and names of partner nodes only, sorted by name; no URL or key; refused to a partner organisation', async () => {
    for (const role of ['admin', 'curator', 'reviewer', 'auditor']) {
      const res = await t.call('GET', '/v1/partner-nodes', keys[role]!);
      assert.equal(res.status, 200, `${role}: ${JSON.stringify(res.json)}`);
      assert.deepEqual(res.json, { partners: [{ id: nodeC, name: 'Alpha forum host' }, { id: nodeB, name: 'Zeta video platform' }] });
      assert.ok(!JSON.stringify(res.json).includes('127.0.0.1'));
    }
    assert.equal((await t.call('GET', '/v1/partners', keys.curator!)).status, 403, 'the full partner list stays an admin’s and auditor’s');
    assert.equal((await t.call('GET', '/v1/partner-nodes', keys.matcher!)).status, 403);
    const partner = await t.call('GET', '/v1/partner-nodes', partnerKey);
    assert.equal(partner.status, 403);
    assert.ok(!JSON.stringify(partner.json).includes(nodeB));
  });

  test('GET /v1/referrals?incident=: only the referrals sent under that incident', async () => {
    const declare = async (title: string) => {
      const res = await t.call('POST', '/v1/incidents', keys.curator!, { title, tier: 'crisis', criteria: CRITERIA, eventAt: '2026-05-04T11:00:00Z', discoveredAt: '2026-05-04T11:30:00Z' });
      assert.equal(res.status, 201, JSON.stringify(res.json));
      return res.json.incident.id as string;
    };
    const first = await declare('market attack');
    const second = await declare('station attack');
    const send = async (to: string, incidentId: string | null, n: number) => {
      const res = await t.call('POST', '/v1/referrals', keys.curator!, {
        to,
        kind: 'referral',
        content: { urls: [`https://video.example/watch?v=copy${n}`] },
        label: 'perpetrator_content',
        grounds: ['incites'],
        legalBasis: 'Terms of service, violent extremism policy',
        statementOfReasons: 'A re-upload of the attack video.',
        redress: 'Appeal through the partner desk.',
        incidentId,
      });
      assert.equal(res.status, 201, JSON.stringify(res.json));
      return res.json.id as string;
    };
    const a = await send(nodeB, first, 1);
    const b = await send(nodeC, first, 2);
    const c = await send(nodeB, second, 3);
    await send(nodeC, null, 4);
    const ids = async (q: string, key = keys.reviewer!) => {
      const res = await t.call('GET', `/v1/referrals${q}`, key);
      assert.equal(res.status, 200, JSON.stringify(res.json));
      return (res.json.referrals as { id: string }[]).map((r) => r.id).sort();
    };
    assert.deepEqual(await ids(`?incident=${first}`), [a, b].sort());
    assert.deepEqual(await ids(`?incident=${second}`), [c]);
    assert.deepEqual(await ids(`?incident=${second}&direction=in`), []);
    assert.deepEqual(await ids('?incident=no-such-incident'), []);
    assert.equal((await ids('')).length, 4);
    assert.equal((await t.call('GET', `/v1/referrals?incident=${first}`, partnerKey)).status, 403, 'referrals are this node’s own coordination');
    assert.equal((await t.call('GET', `/v1/referrals?incident=${'x'.repeat(201)}`, keys.curator!)).status, 400);
  });
});
