import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PostgresServer } from '../testing/postgres-server.js';
import { ConcordError } from '../errors/concord-error.js';
import { collectionId } from '../exchange/stix/stix-ids.js';
import { collectionPage } from '../exchange/taxii/taxii-pager.js';
import { exportHashList } from '../exchange/threatexchange/te-export.js';
import { SELF_VIEWER, type Viewer } from './viewer.js';
import { viewerFixture, type ViewerFixture } from './viewer-fixture.test-helper.js';

/**
 * TAXII and the hash lists read through the store, so a lost database is the same coded
 * 503 STORE_UNAVAILABLE there as everywhere else, not a 500 INTERNAL. The outage is real:
 * the PostgreSQL server is killed under the node.
 */
let f: ViewerFixture;
let pg: PostgresServer;
const skip = PostgresServer.binDir() ? false : 'needs the PostgreSQL server binaries';
before(async () => {
  if (skip) return;
  pg = await PostgresServer.start();
  f = await viewerFixture({ db: pg.url });
});
after(async () => {
  await f?.t.node.close().catch(() => undefined); // the database is gone already
  await pg?.stop();
});

const unavailable = (err: unknown) => err instanceof ConcordError && err.code === 'STORE_UNAVAILABLE';

test('with the database gone, TAXII pages and hash lists are 503 STORE_UNAVAILABLE', { skip }, async () => {
  const partner: Viewer = { kind: 'partner-key', partnerId: f.partnerId, sharingGroups: ['mine'] };
  const objects = `/taxii2/api/collections/${collectionId(f.t.node.selfPartner, f.hostBankId)}/objects/`;
  const exported = `/v1/banks/${f.hostBankId}/export?format=te-csv`;
  // Up first, so each path is known to work, and the keys' lookups are warm.
  assert.equal((await f.t.call('GET', objects, f.selfKeys.reviewer)).status, 200);
  assert.equal((await f.t.call('GET', exported, f.selfKeys.reviewer)).status, 200);

  await pg.kill();

  const store = f.t.node.store;
  await assert.rejects(collectionPage(store, { bankId: f.hostBankId, viewer: partner, nodeId: f.t.node.selfPartner, limit: 10 }), unavailable);
  await assert.rejects(exportHashList(store, f.hostBankId, SELF_VIEWER, 'te-csv'), unavailable);
  await assert.rejects(store.bankIdsHolding({ levels: ['partners'], anyGroup: false }), unavailable);
  await assert.rejects(store.bankHolds(f.hostBankId, { levels: ['partners'], anyGroup: false }), unavailable);
  await assert.rejects(store.existingSignalKeys(f.hostBankId, [{ type: 'md5', value: '0'.repeat(32) }]), unavailable);
  for (const path of [objects, '/taxii2/api/collections/', exported]) {
    const res = await f.t.call('GET', path, f.selfKeys.reviewer);
    assert.equal(res.status, 503, `${path}: ${JSON.stringify(res.json)}`);
    assert.equal(res.json.error.code, 'STORE_UNAVAILABLE');
  }
});
