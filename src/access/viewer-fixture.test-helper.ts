import { randomBytes } from 'node:crypto';
import { newApiKey } from '../auth/api-key.js';
import type { Distribution } from '../domain/signal-record.js';
import { ROLES, type Role } from '../domain/roles.js';
import { startTestNode, type TestNode } from '../api/api-test-node.test-helper.js';
import { NodeKey, nodeIdFor } from '../exchange/node-key.js';
import { coordinationFixture } from './viewer-fixture-coordination.test-helper.js';

/** The four levels the host's bank holds, each once. */
export const HOST_LEVELS = ['local', 'group:other', 'group:mine', 'partners'] as const satisfies readonly Distribution[];

export interface FixtureSignal {
  readonly id: number;
  readonly value: string;
  readonly reason: string;
}

export interface ViewerFixture {
  readonly t: TestNode;
  /** The partner organisation (in group `mine`) that holds API keys issued here. */
  readonly partnerId: string;
  /** A partner node, also in group `mine`, that reads the feed. */
  readonly peerKey: NodeKey;
  readonly peerId: string;
  /** Keys of this node and of the partner organisation, one per role. */
  readonly selfKeys: Readonly<Record<Role, string>>;
  readonly partnerKeys: Readonly<Record<Role, string>>;
  /** A bank of the host holding one signal at each HOST_LEVELS level. */
  readonly hostBankId: number;
  readonly host: Readonly<Record<(typeof HOST_LEVELS)[number], FixtureSignal>>;
  /** A `partners` signal of the host bank that nobody has confirmed yet: four eyes keep it on the node. */
  readonly unconfirmed: FixtureSignal;
  /** The host's incidents, one per level (coordinationFixture). */
  readonly incidentIds: readonly string[];
  /** Incident titles and notes, alert titles and find URLs a partner may not see. */
  readonly coordinationHidden: readonly string[];
  /** A bank of the host holding only a local signal: a partner should not learn it exists. */
  readonly secretBank: { readonly id: number; readonly name: string; readonly signal: FixtureSignal };
  /** A bank the partner created, with a local signal of its own. */
  readonly partnerBank: { readonly id: number; readonly name: string; readonly signal: FixtureSignal };
  /** Every bank name, value and reason a partner (key or node) may not see. */
  readonly hiddenFromPartner: readonly string[];
  /** Every bank name, value and reason in the fixture. */
  readonly everything: readonly string[];
}

/** A random PDQ value: distinctive enough that finding it in a body means it leaked. */
export const randomPdq = (): string => randomBytes(32).toString('hex');
const tag = () => randomBytes(4).toString('hex');

/**
 * A node with a host bank holding a local, a `group:other`, a `group:mine` and a
 * `partners` signal, a local-only bank, a bank of a partner organisation, keys of every
 * role for the node and for the partner, and a registered partner node.
 */
export async function viewerFixture(overrides: Record<string, unknown> = {}): Promise<ViewerFixture> {
  const t = await startTestNode({ rateLimitPerMinute: 10_000_000, ...overrides });
  const self = { partner: t.node.selfPartner, keyId: null };
  const store = t.node.store;
  const partnerId = 'p-mine';
  await store.createPartner({ id: partnerId, name: 'Partner in group mine', kind: 'partner', sharingGroups: ['mine'] }, self);
  const peerKey = NodeKey.generate();
  const peerId = nodeIdFor(peerKey.publicKey);
  await store.createPartner({ id: peerId, name: 'Partner node', kind: 'partner', url: 'http://127.0.0.1:9', publicKey: peerKey.publicKey, sharingGroups: ['mine'] }, self);

  const keyOf = async (owner: string, role: Role) => {
    const k = newApiKey();
    await store.createApiKey({ id: k.id, partnerId: owner, keyHash: k.hash, roles: [role], purpose: `viewer fixture ${role}` }, self);
    return k.key;
  };
  const selfKeys = {} as Record<Role, string>;
  const partnerKeys = {} as Record<Role, string>;
  for (const role of ROLES) {
    selfKeys[role] = await keyOf(t.node.selfPartner, role);
    partnerKeys[role] = await keyOf(partnerId, role);
  }

  const signal = (distribution: Distribution) => ({ type: 'pdq', value: randomPdq(), label: 'perpetrator_content' as const, reason: `reason ${distribution} ${tag()}`, distribution });
  const hostBank = await store.createBank({ name: `host-bank-${tag()}`, description: 'the host curates this' }, self);
  let added = await store.addSignals(hostBank.id, HOST_LEVELS.map(signal), self);
  // Four eyes: two reviewer keys of the host confirm its signals (`network` needs two), so what may leave does.
  for (const desk of ['first', 'second']) {
    const reviewer = newApiKey();
    await store.createApiKey({ id: reviewer.id, partnerId: t.node.selfPartner, keyHash: reviewer.hash, roles: ['reviewer'], purpose: `viewer fixture ${desk} review desk` }, self);
    const pending = added.filter((s) => s.confirmedAt === null).map((s) => s.id);
    if (pending.length > 0) await store.confirmSignals(pending, { partner: t.node.selfPartner, keyId: reviewer.id });
    added = await store.getSignals(added.map((s) => s.id));
  }
  const host = Object.fromEntries(added.map((s) => [s.distribution, { id: s.id, value: s.value, reason: s.reason }])) as ViewerFixture['host'];

  const [unconfirmed] = await store.addSignals(hostBank.id, [signal('partners')], self);

  const secretName = `secret-bank-${tag()}`;
  const secret = await store.createBank({ name: secretName, description: 'internal only' }, self);
  const [secretSignal] = await store.addSignals(secret.id, [signal('local')], self);

  const partnerActor = { partner: partnerId, keyId: null };
  const partnerName = `partner-bank-${tag()}`;
  const partnerBank = await store.createBank({ name: partnerName, description: 'the partner curates this' }, partnerActor);
  const [partnerSignal] = await store.addSignals(partnerBank.id, [signal('local')], partnerActor);

  await t.node.index.catchUp(); // the signals were stored directly: match them at once, without waiting for the change-log poll
  const findTargets = [
    ...HOST_LEVELS.map((level) => ({ id: host[level].id, level, hidden: level === 'local' || level === 'group:other' })),
    { id: unconfirmed!.id, level: 'unconfirmed', hidden: true },
  ];
  const coordination = await coordinationFixture(t, findTargets);
  const bits = (s: FixtureSignal) => [s.value, s.reason];
  const hiddenFromPartner = [...bits(host.local), ...bits(host['group:other']), ...bits(unconfirmed!), secretName, ...bits(secretSignal!), ...coordination.hiddenFromPartner];
  return {
    t,
    partnerId,
    peerKey,
    peerId,
    selfKeys,
    partnerKeys,
    hostBankId: hostBank.id,
    host,
    unconfirmed: unconfirmed!,
    incidentIds: coordination.incidentIds,
    coordinationHidden: coordination.hiddenFromPartner,
    secretBank: { id: secret.id, name: secretName, signal: secretSignal! },
    partnerBank: { id: partnerBank.id, name: partnerName, signal: partnerSignal! },
    hiddenFromPartner,
    everything: [...hiddenFromPartner, ...coordination.everything, ...bits(host['group:mine']), ...bits(host.partners), hostBank.name, partnerName, ...bits(partnerSignal!)],
  };
}

/** A PDQ value a few bits away from `value`: it matches it, yet is not equal to it. */
export function nearPdq(value: string): string {
  const last = parseInt(value.slice(-1), 16) ^ 0b0111;
  return value.slice(0, -1) + last.toString(16);
}
