import { newApiKey } from '../../auth/api-key.js';
import type { Distribution } from '../../domain/signal-record.js';
import { startTestNode, type TestNode } from '../../api/api-test-node.test-helper.js';

/** Every distribution level once, in one bank, so each test can ask who sees what. */
export const LEVELS: readonly Distribution[] = ['local', 'partners', 'network', 'group:eu', 'group:other'];

export interface TaxiiFixture {
  readonly t: TestNode;
  readonly bankId: number;
  /** A bank holding only local signals: no partner should learn it exists. */
  readonly localBankId: number;
  /** md5 value per level. */
  readonly values: Readonly<Record<string, string>>;
  /** Keys of partners: `eu` is in group eu, `plain` in no group. */
  readonly keys: { readonly self: string; readonly eu: string; readonly plain: string };
}

const md5 = (i: number) => i.toString(16).padStart(32, '0');

export async function taxiiFixture(): Promise<TaxiiFixture> {
  const t = await startTestNode();
  const self = { partner: t.node.selfPartner, keyId: null };
  const partnerKey = async (id: string, groups: string[]) => {
    await t.node.store.createPartner({ id, name: `Partner ${id}`, kind: 'partner', sharingGroups: groups }, self);
    const k = newApiKey();
    await t.node.store.createApiKey({ id: k.id, partnerId: id, keyHash: k.hash, roles: ['reviewer'], purpose: 'TAXII pull' }, self);
    return k.key;
  };
  const keys = { self: await t.keyFor('reviewer'), eu: await partnerKey('p-eu', ['eu']), plain: await partnerKey('p-plain', []) };
  const bank = await t.node.store.createBank({ name: 'incident-7', description: 'attack livestream' }, self);
  const values = Object.fromEntries(LEVELS.map((level, i) => [level, md5(i + 1)]));
  const added = await t.node.store.addSignals(
    bank.id,
    LEVELS.map((distribution) => ({ type: 'md5', value: values[distribution]!, label: 'perpetrator_content' as const, reason: `shared at ${distribution}`, distribution })),
    self,
  );
  const localBank = await t.node.store.createBank({ name: 'internal-only', description: '' }, self);
  const [local] = await t.node.store.addSignals(localBank.id, [{ type: 'md5', value: md5(99), label: 'perpetrator_content', reason: 'local', distribution: 'local' }], self);
  // Four eyes: only confirmed signals leave the node, so every level is confirmed here.
  await t.confirm(...added.map((s) => s.id), local!.id);
  return { t, bankId: bank.id, localBankId: localBank.id, values, keys };
}
