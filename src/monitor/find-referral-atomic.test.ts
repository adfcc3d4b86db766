import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { forEachDialect } from '../coordination/dialects.test-helper.js';
import { repoRoot } from '../testing/repo-root.js';
import { addSource, startMonitorNode, TestSite, type MonitorTestNode } from './monitor-test-node.test-helper.js';

const KNOWN_IMAGE = readFileSync(join(repoRoot(), 'samples', 'images', 'bridge-original.jpg'));
const PARTNER = 'hosting-partner';
const REFERRAL_FIELDS = {
  grounds: ['incites'],
  legalBasis: 'Art. 2(7) Regulation (EU) 2021/784; the platform terms of service',
  statementOfReasons: 'A still of an attack video released by its perpetrator, re-posted to incite copycats.',
  redress: 'The hosting service may object through the referral (obstacle) or decide not to remove, with reasons.',
};

/**
 * A referral opened from a find and the find's link to it are one transaction: when the
 * link cannot be written (the database refuses it, by a trigger here), the referral is not
 * stored, audited or put on the feed either; once the database accepts it, both are.
 */
forEachDialect('referring a find writes the referral and its link together or not at all', (dialect) => {
  let t: MonitorTestNode;
  let site: TestSite;
  let findId: number;

  before(async () => {
    t = await startMonitorNode({ hostPartners: { '127.0.0.1': PARTNER } }, dialect());
    await t.node.store.createPartner({ id: PARTNER, name: 'Hosting partner', kind: 'partner', url: null, publicKey: null, sharingGroups: [] }, { partner: t.node.selfPartner, keyId: null });
    site = new TestSite(t.clock);
    const base = await site.start();
    await t.know(KNOWN_IMAGE, { types: ['pdq'] });
    site.set('/board', { body: '<html><img src="/a.jpg"></html>' }).set('/a.jpg', { body: KNOWN_IMAGE });
    const report = await t.node.monitor.checkSource(await addSource(t, { url: `${base}/board`, kind: 'html' }));
    assert.equal(report.newFinds, 1, JSON.stringify(report));
    findId = (await t.call('GET', '/v1/finds', t.admin)).json.finds[0].id;
  });
  after(async () => {
    await site?.stop();
    await t?.close();
  });

  const written = async () => {
    const feed = await t.node.store.feedAfter(0, 10_000);
    const audit = await t.node.store.listAudit({ limit: 10_000 });
    return {
      referrals: ((await t.call('GET', '/v1/referrals', t.admin)).json.referrals as { id: string }[]).map((r) => r.id),
      links: ((await t.call('GET', `/v1/finds/${findId}`, t.admin)).json.referrals as { referralId: string }[]).map((r) => r.referralId),
      feed: feed.filter((e) => (JSON.parse(e.body) as { type: string }).type === 'referral.sent').length,
      audit: audit.filter((e) => e.action === 'referral.sent').length,
    };
  };

  test('the link is refused by the database: the request fails and neither the referral nor the link is left; then both are written', async () => {
    const db = t.node.store.db;
    if (t.node.store.dialect === 'sqlite') {
      await sql`create trigger refuse_find_link before insert on monitor_find_referrals begin select raise(abort, 'link refused for the test'); end`.execute(db);
    } else {
      await sql`create function refuse_find_link() returns trigger language plpgsql as $$ begin raise exception 'link refused for the test'; end $$`.execute(db);
      await sql`create trigger refuse_find_link before insert on monitor_find_referrals for each row execute function refuse_find_link()`.execute(db);
    }
    const failed = await t.call('POST', `/v1/finds/${findId}/referral`, t.admin, REFERRAL_FIELDS);
    assert.ok(failed.status >= 500, `${failed.status} ${JSON.stringify(failed.json)}`);
    assert.deepEqual(await written(), { referrals: [], links: [], feed: 0, audit: 0 }, 'nothing half-written');

    await sql`drop trigger refuse_find_link${sql.raw(t.node.store.dialect === 'sqlite' ? '' : ' on monitor_find_referrals')}`.execute(db);
    const sent = await t.call('POST', `/v1/finds/${findId}/referral`, t.admin, REFERRAL_FIELDS);
    assert.equal(sent.status, 201, JSON.stringify(sent.json));
    const id = sent.json.referral.id as string;
    assert.deepEqual(await written(), { referrals: [id], links: [id], feed: 1, audit: 1 });
  });
});
