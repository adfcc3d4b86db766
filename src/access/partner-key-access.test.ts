import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { multipart } from '../api/api-test-node.test-helper.js';
import { collectionId } from '../exchange/stix/stix-ids.js';
import { PostgresServer } from '../testing/postgres-server.js';
import { toSignal } from '../store/store-rows.js';
import { maySee, SELF_VIEWER, signalFilterFor, type Viewer } from './viewer.js';
import { nearPdq, viewerFixture, type ViewerFixture } from './viewer-fixture.test-helper.js';

let f: ViewerFixture;
const call = (method: string, url: string, key: string, body?: unknown) => f.t.call(method, url, key, body);
const leaks = (body: unknown, secrets: readonly string[]) => secrets.filter((s) => JSON.stringify(body).includes(s));

function suite(dialect: string, overrides: () => Record<string, unknown>) {
  describe(`a partner organisation's keys on ${dialect}`, () => {
    before(async () => {
      f = await viewerFixture(overrides());
    });
    after(async () => f?.t.node.close());

    test("a partner's key lists only its own banks and those holding something it may see, the same banks TAXII serves it", async () => {
      const res = await call('GET', '/v1/banks', f.partnerKeys.reviewer);
      assert.equal(res.status, 200);
      const ids = res.json.banks.map((b: { id: number }) => b.id).sort();
      assert.deepEqual(ids, [f.hostBankId, f.partnerBank.id].sort());
      assert.deepEqual(leaks(res.json, f.hiddenFromPartner), []);
      const taxii = await call('GET', '/taxii2/api/collections/', f.partnerKeys.reviewer);
      assert.deepEqual(taxii.json.collections.map((c: { id: string }) => c.id).sort(), ids.map((id: number) => collectionId(f.t.node.selfPartner, id)).sort());
      const own = await call('GET', '/v1/banks', f.selfKeys.reviewer);
      assert.equal(own.json.banks.length, 3, "the node's own keys list every bank");
    });

    test("a partner's key gets NOT_FOUND for a bank or signal it may not see, exactly as for one that does not exist", async () => {
      const missing = await call('GET', '/v1/signals/999999', f.partnerKeys.reviewer);
      for (const id of [f.host.local.id, f.host['group:other'].id, f.secretBank.signal.id]) {
        const res = await call('GET', `/v1/signals/${id}`, f.partnerKeys.auditor);
        assert.equal(res.status, 404);
        assert.deepEqual(res.json, { error: { code: 'NOT_FOUND', message: missing.json.error.message.replace('999999', String(id)) } });
      }
      assert.equal((await call('GET', `/v1/banks/${f.secretBank.id}`, f.partnerKeys.curator)).json.error.code, 'NOT_FOUND');
      assert.equal((await call('GET', `/v1/banks/${f.secretBank.id}/export`, f.partnerKeys.curator)).json.error.code, 'NOT_FOUND');
      for (const level of ['group:mine', 'partners'] as const) {
        const res = await call('GET', `/v1/signals/${f.host[level].id}`, f.partnerKeys.reviewer);
        assert.equal(res.status, 200);
        assert.equal(res.json.signal.value, f.host[level].value);
      }
      assert.equal((await call('GET', `/v1/signals/${f.partnerBank.signal.id}`, f.partnerKeys.reviewer)).json.signal.reason, f.partnerBank.signal.reason, 'its own local signal');
      assert.equal((await call('GET', `/v1/signals/${f.host.local.id}`, f.selfKeys.reviewer)).json.signal.value, f.host.local.value, "the node's own keys read local signals");
    });

    test("a partner's auditor sees only audit entries about what it may see, and no local value or reason", async () => {
      const res = await call('GET', '/v1/audit?limit=1000', f.partnerKeys.auditor);
      assert.equal(res.status, 200);
      assert.deepEqual(leaks(res.json, f.hiddenFromPartner), []);
      const subjects = [...new Set<number>(res.json.entries.filter((e: { subjectType: string }) => e.subjectType === 'signal').map((e: { subjectId: string }) => Number(e.subjectId)))].sort();
      assert.deepEqual(subjects, [f.host['group:mine'].id, f.host.partners.id, f.partnerBank.signal.id].sort());
      assert.ok(!res.json.entries.some((e: { subjectType: string }) => e.subjectType === 'key'), 'no entries about keys it did not make');
      const own = await call('GET', '/v1/audit?limit=1000', f.selfKeys.auditor);
      assert.ok(JSON.stringify(own.json).includes(f.host.local.value), "the node's own auditor sees everything");
    });

    test("a partner's matcher gets no match on a signal it may not see, not even a near one", async () => {
      const queries = [f.host.local, f.host['group:other'], f.host.partners].map((s) => ({ type: 'pdq', value: nearPdq(s.value) }));
      const partner = await call('POST', '/v1/match', f.partnerKeys.matcher, { signals: queries });
      assert.equal(partner.status, 200);
      assert.deepEqual(partner.json.results.map((r: { matches: unknown[] }) => r.matches.length), [0, 0, 1]);
      assert.deepEqual(leaks(partner.json, f.hiddenFromPartner), []);
      const own = await call('POST', '/v1/match', f.selfKeys.matcher, { signals: queries });
      assert.deepEqual(own.json.results.map((r: { matches: unknown[] }) => r.matches.length), [1, 1, 1]);
    });

    test("a partner's curator cannot rename, add signals or content to the host's banks; nothing is stored", async () => {
      const signalsBefore = await f.t.node.store.scanIndexRows(0, 1000);
      const bankBefore = await f.t.node.store.getBank(f.hostBankId);
      const add = { signals: [{ type: 'md5', value: 'a'.repeat(32), label: 'perpetrator_content', reason: 'not mine to add', distribution: 'partners' }] };
      for (const [bankId, code] of [[f.hostBankId, 'FORBIDDEN'], [f.secretBank.id, 'NOT_FOUND']] as const) {
        const patch = await call('PATCH', `/v1/banks/${bankId}`, f.partnerKeys.curator, { name: 'taken over' });
        assert.equal(patch.json.error?.code, code, `PATCH bank ${bankId}`);
        assert.equal(patch.status, code === 'FORBIDDEN' ? 403 : 404);
        assert.equal((await call('POST', `/v1/banks/${bankId}/signals`, f.partnerKeys.curator, add)).json.error?.code, code);
        const upload = multipart(Buffer.from('some text to hash into a signal'), 'a.txt', { label: 'perpetrator_content', reason: 'not mine to add' });
        const content = await f.t.node.app.inject({ method: 'POST', url: `/v1/banks/${bankId}/content`, payload: upload.payload, headers: { ...upload.headers, authorization: `Bearer ${f.partnerKeys.curator}` } });
        assert.equal(content.json().error?.code, code);
      }
      assert.deepEqual(await f.t.node.store.getBank(f.hostBankId), bankBefore);
      assert.deepEqual(await f.t.node.store.scanIndexRows(0, 1000), signalsBefore);
    });

    test("a partner's curator may retract or relabel only its own signals, and give opinions only on signals it may see", async () => {
      const cases = [
        [f.host.partners.id, 'FORBIDDEN'],
        [f.host.local.id, 'NOT_FOUND'],
        [f.host['group:other'].id, 'NOT_FOUND'],
      ] as const;
      for (const [id, code] of cases) {
        assert.equal((await call('POST', `/v1/signals/${id}/retract`, f.partnerKeys.curator, { reason: 'not mine' })).json.error?.code, code);
        assert.equal((await call('POST', `/v1/signals/${id}/label`, f.partnerKeys.curator, { label: 'graphic_violence_defenceless', reason: 'not mine' })).json.error?.code, code);
        const signal = await f.t.node.store.getSignal(id);
        assert.equal(signal!.status, 'active');
        assert.equal(signal!.label, 'perpetrator_content');
      }
      for (const id of [f.host.local.id, f.host['group:other'].id]) {
        const res = await call('POST', `/v1/signals/${id}/opinions`, f.partnerKeys.reviewer, { opinion: 'disputed', reason: 'cannot see it' });
        assert.equal(res.json.error?.code, 'NOT_FOUND');
        assert.deepEqual(await f.t.node.store.listOpinions(id), []);
      }
      const seen = await call('POST', `/v1/signals/${f.host['group:mine'].id}/opinions`, f.partnerKeys.reviewer, { opinion: 'seen', reason: 'seen on our platform' });
      assert.equal(seen.status, 201);
      const own = await call('POST', `/v1/signals/${f.partnerBank.signal.id}/label`, f.partnerKeys.curator, { label: 'glorification_of_attack', reason: 'on second look' });
      assert.equal(own.status, 200);
      assert.equal((await call('PATCH', `/v1/banks/${f.partnerBank.id}`, f.partnerKeys.curator, { description: 'ours' })).status, 200);
    });

    test("a partner's key may not administer the node, whatever its roles", async () => {
      for (const [method, url, body] of [
        ['GET', '/v1/keys', undefined],
        ['POST', '/v1/keys', { roles: ['admin'] }],
        ['GET', '/v1/partners', undefined],
        ['POST', '/v1/partners', { name: 'sock puppet' }],
        ['PATCH', `/v1/partners/${f.partnerId}`, { sharingGroups: ['other'] }],
      ] as const) {
        const res = await call(method, url, f.partnerKeys.admin, body);
        assert.equal(res.status, 403, `${method} ${url}`);
        assert.equal(res.json.error.code, 'FORBIDDEN');
      }
      assert.deepEqual((await f.t.node.store.getPartner(f.partnerId))!.sharingGroups, ['mine']);
      assert.equal((await f.t.node.store.listPartners()).length, 3);
    });

    test('the SQL prefilter of every viewer selects exactly the signals the rule lets it see', async () => {
      const store = f.t.node.store;
      const viewers: Viewer[] = [SELF_VIEWER, { kind: 'partner-key', partnerId: f.partnerId, sharingGroups: ['mine'] }, { kind: 'partner-node', partnerId: 'p-none', sharingGroups: [] }];
      for (const viewer of viewers) {
        for (const purpose of ['read', 'export'] as const) {
          const filter = signalFilterFor(viewer, purpose);
          for (const bankId of [f.hostBankId, f.secretBank.id, f.partnerBank.id]) {
            const all = (await store.db.selectFrom('signals').selectAll().where('bank_id', '=', bankId).orderBy('id').execute()).map(toSignal);
            const expected = all.filter((s) => maySee(s, viewer, purpose)).map((s) => s.id).sort();
            const selected = filter ? (await store.signalsByChange({ bankId, filter, limit: 1000 })).map((s) => s.id).sort() : all.map((s) => s.id).sort();
            assert.deepEqual(selected, expected, `${viewer.kind} ${purpose} bank ${bankId}`);
            if (filter) assert.equal(await store.bankHolds(bankId, filter), expected.length > 0);
          }
        }
      }
    });
  });
}

suite('SQLite', () => ({}));

if (PostgresServer.binDir()) {
  let pg: PostgresServer | undefined;
  before(async () => {
    pg = await PostgresServer.start();
  });
  after(async () => pg?.stop());
  suite('PostgreSQL', () => ({ db: pg!.url }));
}

