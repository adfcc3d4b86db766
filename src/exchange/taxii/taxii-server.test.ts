import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { collectionId } from '../stix/stix-ids.js';
import { TAXII_MEDIA_TYPE } from './taxii-media.js';
import { LEVELS, taxiiFixture, type TaxiiFixture } from './taxii-test-fixture.test-helper.js';

let f: TaxiiFixture;
let collection: string;
before(async () => {
  f = await taxiiFixture();
  collection = `/taxii2/api/collections/${collectionId(f.t.node.selfPartner, f.bankId)}/`;
});
after(async () => f.t.node.close());

async function get(url: string, key: string, headers: Record<string, string> = {}) {
  const res = await f.t.node.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}`, accept: TAXII_MEDIA_TYPE, ...headers } });
  return { status: res.statusCode, headers: res.headers, json: res.json() };
}

/** The md5 values a key receives from the collection. */
async function md5sSeenBy(key: string): Promise<string[]> {
  const res = await get(`${collection}objects/?match[type]=indicator`, key);
  return ((res.json.objects ?? []) as { x_concord_signal_value: string }[]).map((o) => o.x_concord_signal_value).sort();
}

test('discovery and API root answer in the TAXII 2.1 media type', async () => {
  const discovery = await get('/taxii2/', f.keys.plain);
  assert.equal(discovery.status, 200);
  assert.equal(discovery.headers['content-type'], TAXII_MEDIA_TYPE);
  assert.match(discovery.json.api_roots[0], /\/taxii2\/api\/$/);
  const root = await get('/taxii2/api/', f.keys.plain);
  assert.deepEqual(root.json.versions, [TAXII_MEDIA_TYPE]);
  assert.ok(root.json.max_content_length > 0);
});

test('collections: one per bank with something visible, read-only, with a stable id', async () => {
  const res = await get('/taxii2/api/collections/', f.keys.plain);
  assert.equal(res.headers['content-type'], TAXII_MEDIA_TYPE);
  assert.deepEqual(res.json.collections.map((c: { title: string }) => c.title), ['incident-7']);
  const c = res.json.collections[0];
  assert.equal(c.id, collectionId(f.t.node.selfPartner, f.bankId));
  assert.equal(c.can_read, true);
  assert.equal(c.can_write, false);
  assert.equal((await get(collection, f.keys.plain)).json.title, 'incident-7');
  const hidden = `/taxii2/api/collections/${collectionId(f.t.node.selfPartner, f.localBankId)}/`;
  assert.equal((await get(hidden, f.keys.self)).json.error.code, 'NOT_FOUND');
  assert.equal((await get(`${hidden}objects/`, f.keys.self)).status, 404);
});

test('visibility: local never; group:x only to partners in x; partners and network to all', async () => {
  const v = f.values;
  assert.deepEqual(await md5sSeenBy(f.keys.plain), [v.partners, v.network].sort());
  assert.deepEqual(await md5sSeenBy(f.keys.eu), [v.partners, v.network, v['group:eu']].sort());
  // The node's own keys see every group, but local stays local even for them.
  assert.deepEqual(await md5sSeenBy(f.keys.self), LEVELS.filter((l) => l !== 'local').map((l) => v[l]).sort());
  const csv = await f.t.node.app.inject({ method: 'GET', url: `/v1/banks/${f.bankId}/export?format=te-csv`, headers: { authorization: `Bearer ${f.keys.plain}` } });
  assert.equal(csv.statusCode, 200);
  assert.match(csv.headers['content-type'] as string, /^text\/csv/);
  assert.deepEqual(csv.body.trim().split('\n').slice(1).map((l) => l.split(',')[1]).sort(), [v.partners, v.network].sort());
  assert.ok(!csv.body.includes(v.local!) && !csv.body.includes(v['group:eu']!));
});

test('paging with limit and next walks every object once, with the date-added headers', async () => {
  const all = (await get(`${collection}objects/`, f.keys.eu)).json;
  assert.equal(all.more, false);
  assert.equal(all.objects.length, 6, 'three indicators and three file observables');
  const seen: string[] = [];
  let next: string | undefined;
  for (let i = 0; i < 10; i++) {
    const page = await get(`${collection}objects/?limit=4${next ? `&next=${encodeURIComponent(next)}` : ''}`, f.keys.eu);
    assert.ok(page.json.objects.length <= 4);
    assert.ok(page.headers['x-taxii-date-added-first'] && page.headers['x-taxii-date-added-last']);
    seen.push(...page.json.objects.map((o: { id: string }) => o.id));
    if (!page.json.more) break;
    next = page.json.next;
  }
  assert.deepEqual(seen, all.objects.map((o: { id: string }) => o.id));
  const manifest = (await get(`${collection}manifest/`, f.keys.eu)).json;
  assert.deepEqual(manifest.objects.map((m: { id: string }) => m.id), seen);
  assert.ok(manifest.objects.every((m: { version: string; date_added: string; media_type: string }) => m.version && m.date_added && m.media_type.startsWith('application/stix+json')));
});

test('added_after: a retraction is served again as a revoked Indicator, and nothing older', async () => {
  const first = await get(`${collection}objects/`, f.keys.plain);
  const last = first.headers['x-taxii-date-added-last'] as string;
  assert.equal((await get(`${collection}objects/?added_after=${encodeURIComponent(last)}`, f.keys.plain)).json.objects, undefined);
  await new Promise((r) => setTimeout(r, 5));
  const signal = (await f.t.node.store.getSignals([2, 3, 4, 5, 6])).find((s) => s.value === f.values.network)!;
  await f.t.node.store.retractSignal(signal.id, 'posted by a news outlet reporting on it', { partner: f.t.node.selfPartner, keyId: null });
  const later = await get(`${collection}objects/?added_after=${encodeURIComponent(last)}`, f.keys.plain);
  assert.equal(later.json.objects.length, 1);
  assert.equal(later.json.objects[0].revoked, true);
  assert.equal(later.json.objects[0].x_concord_signal_value, f.values.network);
});

test('bad requests: an unknown cursor, a bad time, and an Accept the server cannot serve', async () => {
  assert.equal((await get(`${collection}objects/?next=bogus`, f.keys.plain)).json.error.code, 'REQUEST_INVALID');
  assert.equal((await get(`${collection}objects/?added_after=yesterday`, f.keys.plain)).json.error.code, 'REQUEST_INVALID');
  const res = await get('/taxii2/', f.keys.plain, { accept: 'text/html' });
  assert.equal(res.status, 406);
  assert.equal(res.json.error.code, 'NOT_ACCEPTABLE');
  assert.equal((await get('/taxii2/', f.keys.plain, { accept: 'application/taxii+json;version=2.0' })).status, 406);
  assert.equal((await get('/taxii2/', f.keys.plain, { accept: '*/*' })).status, 200);
});
