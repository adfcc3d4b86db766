import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestNode, type TestNode } from '../../api/api-test-node.test-helper.js';
import { ConcordError } from '../../errors/concord-error.js';
import { defaultRegistry } from '../../signals/default-registry.js';
import { collectionId } from '../stix/stix-ids.js';
import { importTaxiiCollection } from './taxii-import.js';
import { taxiiFixture, type TaxiiFixture } from './taxii-test-fixture.test-helper.js';

let source: TaxiiFixture;
let target: TestNode;
let url: string;
before(async () => {
  source = await taxiiFixture();
  const base = await source.t.node.app.listen({ host: '127.0.0.1', port: 0 });
  url = `${base}/taxii2/api/collections/${collectionId(source.t.node.selfPartner, source.bankId)}/`;
  target = await startTestNode();
});
after(async () => {
  await source.t.node.close();
  await target.node.close();
});

const registry = defaultRegistry();
const self = () => ({ partner: target.node.selfPartner, keyId: null });

test('imports what the partner may see over real HTTP, one hop less, and a re-import adds nothing', async () => {
  const bank = await target.node.store.createBank({ name: 'from-source', description: '' }, self());
  const result = await importTaxiiCollection(target.node.store, registry, bank.id, { collectionUrl: url, apiKey: source.keys.eu, pageSize: 2 }, self());
  assert.equal(result.indicators, 3);
  assert.equal(result.otherObjects, 3, 'the file observables ride along');
  assert.equal(result.added, 3);
  assert.ok(result.dateAddedLast);
  const stored = await target.node.store.getSignals([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  const byValue = new Map(stored.filter((s) => s.bankId === bank.id).map((s) => [s.value, s]));
  assert.equal(byValue.get(source.values.network!)?.distribution, 'partners');
  assert.equal(byValue.get(source.values.partners!)?.distribution, 'local');
  assert.equal(byValue.get(source.values['group:eu']!)?.distribution, 'local');
  assert.ok(!byValue.has(source.values.local!) && !byValue.has(source.values['group:other']!));
  assert.equal(byValue.get(source.values.network!)?.label, 'perpetrator_content');
  assert.match(byValue.get(source.values.network!)!.reason, /^shared at network — imported over TAXII from http:\/\/127\.0\.0\.1/);

  const again = await importTaxiiCollection(target.node.store, registry, bank.id, { collectionUrl: url, apiKey: source.keys.eu }, self());
  assert.equal(again.added, 0);
  assert.equal(again.alreadyPresent, 3);
});

test('revoked indicators are skipped and counted; added_after fetches only the change', async () => {
  const bank = await target.node.store.createBank({ name: 'incremental', description: '' }, self());
  const first = await importTaxiiCollection(target.node.store, registry, bank.id, { collectionUrl: url, apiKey: source.keys.plain }, self());
  await new Promise((r) => setTimeout(r, 5));
  const all = await source.t.node.store.getSignals([1, 2, 3, 4, 5, 6]);
  const partners = all.find((s) => s.value === source.values.partners)!;
  await source.t.node.store.retractSignal(partners.id, 'wrong file', { partner: source.t.node.selfPartner, keyId: null });
  const later = await importTaxiiCollection(target.node.store, registry, bank.id, { collectionUrl: url, apiKey: source.keys.plain, addedAfter: first.dateAddedLast }, self());
  assert.equal(later.indicators, 1);
  assert.equal(later.inactive, 1);
  assert.equal(later.added, 0);
});

test('a wrong key or an unreachable server fails with TAXII_REQUEST_FAILED and stores nothing', async () => {
  const bank = await target.node.store.createBank({ name: 'refused', description: '' }, self());
  const attempt = (collectionUrl: string, apiKey: string) => importTaxiiCollection(target.node.store, registry, bank.id, { collectionUrl, apiKey }, self());
  await assert.rejects(attempt(url, 'ck_kbogus_nope'), (e: ConcordError) => e.code === 'TAXII_REQUEST_FAILED' && /401/.test(e.message));
  await assert.rejects(attempt('http://127.0.0.1:9/taxii2/api/collections/x/', source.keys.eu), (e: ConcordError) => e.code === 'TAXII_REQUEST_FAILED');
  const stored = await target.node.store.getSignals(Array.from({ length: 30 }, (_, i) => i + 1));
  assert.equal(stored.filter((s) => s.bankId === bank.id).length, 0);
});
