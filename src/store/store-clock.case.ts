import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { NodeKey } from '../exchange/node-key.js';
import { fixedClock } from '../util/clock.js';
import { sequentialIds } from '../util/id-generator.js';
import type { KyselyStore, StoreOptions } from './kysely-store.js';
import type { Actor } from './store.js';

const SELF: Actor = { partner: 'p-self', keyId: 'k-admin' };

/** Stored times and ids come from the clock and id generator the store was given, never the system's. */
export function storeClockContract(name: string, open: (options: StoreOptions) => Promise<KyselyStore>): void {
  describe(`store clock and ids: ${name}`, () => {
    const clock = fixedClock('2031-05-06T07:08:09.000Z');
    let store: KyselyStore;
    before(async () => {
      store = await open({ clock, ids: sequentialIds() });
      const key = NodeKey.generate();
      store.attachFeedSigner({ nodeId: 'p-self', sign: (d) => key.sign(d) });
      await store.createPartner({ id: 'p-self', name: 'Self node', kind: 'self' }, SELF);
    });
    after(async () => store.close());

    test('records, audit entries and feed events carry the injected time and ids', async () => {
      const bank = await store.createBank({ name: 'clocked', description: '' }, SELF);
      assert.equal(bank.createdAt, '2031-05-06T07:08:09.000Z');
      const [s] = await store.addSignals(bank.id, [{ type: 'md5', value: 'c'.repeat(32), label: 'perpetrator_content', reason: 'clock test', distribution: 'local' }], SELF);
      assert.equal(s!.createdAt, '2031-05-06T07:08:09.000Z');
      assert.equal(s!.uid, '00000000-0000-4000-8000-000000000001');

      clock.set('2031-05-06T08:00:00.000Z');
      const retracted = await store.retractSignal(s!.id, 'mistake', SELF);
      assert.equal(retracted.updatedAt, '2031-05-06T08:00:00.000Z');
      assert.equal((await store.getSignal(s!.id))?.updatedAt, '2031-05-06T08:00:00.000Z');
      const audit = await store.listAudit({ limit: 100, subjectType: 'signal', subjectId: String(s!.id) });
      assert.deepEqual(audit.map((e) => [e.action, e.at]), [
        ['signal.added', '2031-05-06T07:08:09.000Z'],
        ['signal.retracted', '2031-05-06T08:00:00.000Z'],
      ]);
      const { opinion } = await store.addOpinion(s!.id, { opinion: 'seen', reason: 'seen here' }, SELF, 2);
      assert.equal(opinion.uid, '00000000-0000-4000-8000-000000000002');
      assert.equal(opinion.createdAt, '2031-05-06T08:00:00.000Z');
    });
  });
}
