import type { Kysely, Transaction } from 'kysely';
import { isLabel } from '../taxonomy/labels.js';
import type { OpinionKind, SignalRecord } from '../domain/signal-record.js';
import { oneHopLess } from '../exchange/distribution.js';
import { KnownBody, type PendingEvent, type SharedSignal } from '../exchange/feed/feed-body.js';
import type { Database } from './database-schema.js';
import type { DialectName } from './migrations.js';
import { appendAudit, type AuditEvent } from './store-audit.js';
import { aboutSignal, appendFeed, type FeedSigner } from './store-feed.js';
import { toSignal } from './store-rows.js';
import { keepCheckpoint, receivedCheckpoint } from './store-checkpoints.js';
import { noteChanges, setStatus, statusFromOpinions } from './store-signals.js';
import type { PartnerRecord } from './store.js';

/** A verified event from a partner's feed, with its body parsed. Stubs (no body) never get here. */
export interface ReceivedEvent {
  readonly seq: number;
  /** The event exactly as received, kept with received signals as proof of origin. */
  readonly wire: string;
  readonly body: unknown;
}

interface Ctx {
  readonly trx: Transaction<Database>;
  readonly dialect: DialectName;
  readonly signer: FeedSigner | undefined;
  readonly from: PartnerRecord;
  readonly disputeThreshold: number;
  readonly at: string;
  readonly audit: AuditEvent[];
  readonly feed: PendingEvent[];
  changed: number[];
  applied: number;
  skipped: number;
}

/**
 * Applies a partner's verified events in order, inside the caller's transaction, which
 * also moves the cursor: so a batch is applied once and whole, or not at all. Every
 * step is idempotent by network-wide id, because the same event can arrive along two
 * paths (directly and relayed). Events of unknown types, about unknown signals, or from
 * a partner without authority over the signal are skipped and counted, never guessed at.
 */
export async function applyReceived(
  trx: Transaction<Database>,
  dialect: DialectName,
  signer: FeedSigner | undefined,
  from: PartnerRecord,
  events: readonly ReceivedEvent[],
  disputeThreshold: number,
  at: string,
): Promise<{ applied: number; skipped: number; changedSignals: number }> {
  const ctx: Ctx = { trx, dialect, signer, from, disputeThreshold, at, audit: [], feed: [], changed: [], applied: 0, skipped: 0 };
  let pending: { shared: SharedSignal; wire: string }[] = [];
  for (const event of events) {
    const checkpoint = receivedCheckpoint(event, from.id); // audit checkpoints: kept, see store-checkpoints.ts
    if (checkpoint) {
      await keepCheckpoint(trx, checkpoint);
      ctx.applied += 1;
      continue;
    }
    const parsed = KnownBody.safeParse(event.body);
    if (!parsed.success) {
      ctx.skipped += 1;
      continue;
    }
    const body = parsed.data;
    if (body.type === 'signal.added') {
      // A relayed signal carries its origin's event; that is the proof of origin we keep.
      pending.push({ shared: body.signal, wire: body.original ?? event.wire });
      continue;
    }
    // Later events may be about a signal added earlier in this batch.
    await insertReceived(ctx, pending);
    pending = [];
    if (body.type === 'key.rotated') {
      await applyKeyRotation(ctx, body);
      continue;
    }
    const signal = await bySignalUid(trx, (body as { uid: string }).uid);
    if (!signal) {
      ctx.skipped += 1;
      continue;
    }
    if (body.type === 'opinion.added') {
      await applyOpinion(ctx, signal, body);
      continue;
    }
    // Only the node that gave us the signal, or its origin, may change it.
    if (signal.receivedFrom !== from.id && signal.origin !== from.id) {
      ctx.skipped += 1;
      continue;
    }
    if (body.type === 'signal.retracted') await applyStatus(ctx, signal, 'retracted', body.reason, body);
    else if (body.type === 'signal.status_changed') {
      if (body.status !== 'active' && body.status !== 'disputed') ctx.skipped += 1;
      else await applyStatus(ctx, signal, body.status, body.reason, body);
    } else if (body.type === 'signal.label_changed') await applyLabel(ctx, signal, body);
  }
  await insertReceived(ctx, pending);
  await noteChanges(trx, ctx.changed, at);
  await appendAudit(trx, dialect, { partner: from.id, keyId: null }, at, ctx.audit);
  await appendFeed(trx, signer, at, ctx.feed);
  return { applied: ctx.applied, skipped: ctx.skipped, changedSignals: ctx.changed.length };
}

/** The partner's new key, taken only from its own feed and only if its current key signed the change. */
async function applyKeyRotation(ctx: Ctx, body: Extract<KnownBody, { type: 'key.rotated' }>): Promise<void> {
  const current = await ctx.trx.selectFrom('partners').select('public_key').where('id', '=', ctx.from.id).executeTakeFirst();
  if (body.node !== ctx.from.id || current?.public_key !== body.previous) {
    ctx.skipped += 1;
    return;
  }
  await ctx.trx.updateTable('partners').set({ public_key: body.publicKey }).where('id', '=', ctx.from.id).execute();
  ctx.applied += 1;
  ctx.audit.push({ action: 'partner.key_rotated', subjectType: 'partner', subjectId: ctx.from.id, details: { previous: body.previous, publicKey: body.publicKey } });
}

/** A signal by its network-wide id, inside or outside a transaction. */
export async function bySignalUid(db: Kysely<Database>, uid: string): Promise<SignalRecord | undefined> {
  const row = await db.selectFrom('signals').selectAll().where('uid', '=', uid).executeTakeFirst();
  return row && toSignal(row);
}

/** One bank per partner we receive from, owned by that partner. */
async function feedBank(ctx: Ctx): Promise<number> {
  let name = `from ${ctx.from.name}`;
  const found = await ctx.trx.selectFrom('banks').select(['id', 'owner']).where('name', '=', name).executeTakeFirst();
  if (found?.owner === ctx.from.id) return Number(found.id);
  if (found) {
    // A bank of ours already has that name: keep the partner's id in this one's.
    name = `from ${ctx.from.name} (${ctx.from.id})`;
    const again = await ctx.trx.selectFrom('banks').select('id').where('name', '=', name).where('owner', '=', ctx.from.id).executeTakeFirst();
    if (again) return Number(again.id);
  }
  const row = await ctx.trx
    .insertInto('banks')
    .values({ name, description: `Signals received from partner ${ctx.from.name} (${ctx.from.id})`, owner: ctx.from.id, created_at: ctx.at, updated_at: ctx.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  ctx.audit.push({ action: 'bank.created', subjectType: 'bank', subjectId: Number(row.id), details: { name, receivedFrom: ctx.from.id } });
  return Number(row.id);
}

async function insertReceived(ctx: Ctx, batch: readonly { shared: SharedSignal; wire: string }[]): Promise<void> {
  const self = ctx.signer?.nodeId;
  const fresh = new Map<string, { shared: SharedSignal; wire: string }>();
  for (const item of batch) {
    // Our own signals coming back, and labels outside the closed taxonomy, are not taken in.
    if (item.shared.origin === self || !isLabel(item.shared.label) || fresh.has(item.shared.uid)) ctx.skipped += 1;
    else fresh.set(item.shared.uid, item);
  }
  if (fresh.size === 0) return;
  const uids = [...fresh.keys()];
  for (let i = 0; i < uids.length; i += 500) {
    const known = await ctx.trx.selectFrom('signals').select('uid').where('uid', 'in', uids.slice(i, i + 500)).execute();
    for (const k of known) fresh.delete(k.uid);
  }
  ctx.skipped += uids.length - fresh.size;
  if (fresh.size === 0) return;
  const bankId = await feedBank(ctx);
  const items = [...fresh.values()];
  for (let i = 0; i < items.length; i += 300) {
    const rows = await ctx.trx
      .insertInto('signals')
      .values(
        items.slice(i, i + 300).map(({ shared: s, wire }) => ({
          bank_id: bankId,
          type: s.type,
          value: s.value,
          label: s.label,
          reason: s.reason,
          contributor: s.contributor,
          reviewed_by_key: null,
          reviewed_at: null,
          distribution: oneHopLess(s.distribution),
          status: s.status === 'disputed' ? 'disputed' : 'active',
          status_reason: s.status === 'disputed' ? 'disputed at its origin' : null,
          match_count: 0,
          last_matched_at: null,
          created_at: ctx.at,
          updated_at: ctx.at,
          uid: s.uid,
          origin: s.origin,
          received_from: ctx.from.id,
          origin_event: wire,
        })),
      )
      // The same hash shared twice by one partner under two ids: the first one stands.
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .execute();
    const stored = rows.length;
    ctx.skipped += Math.min(300, items.length - i) - stored;
    for (const row of rows) {
      const signal = toSignal(row);
      ctx.changed.push(signal.id);
      ctx.applied += 1;
      ctx.audit.push({
        action: 'signal.received',
        subjectType: 'signal',
        subjectId: signal.id,
        details: { uid: signal.uid, origin: signal.origin, from: ctx.from.id, type: signal.type, value: signal.value, label: signal.label, contributor: signal.contributor, distribution: signal.distribution },
      });
      if (signal.distribution !== 'local') {
        const { shared, wire } = fresh.get(signal.uid)!;
        ctx.feed.push({ body: { type: 'signal.added', signal: { ...shared, distribution: signal.distribution }, original: wire }, audience: signal.distribution });
      }
    }
  }
}

async function applyStatus(ctx: Ctx, signal: SignalRecord, status: 'retracted' | 'active' | 'disputed', reason: string | null, body: KnownBody): Promise<void> {
  if (signal.status === status || signal.status === 'retracted') {
    ctx.skipped += 1;
    return;
  }
  await setStatus(ctx.trx, signal.id, status, reason, ctx.at);
  ctx.changed.push(signal.id);
  ctx.applied += 1;
  ctx.audit.push({ action: status === 'retracted' ? 'signal.retracted' : 'signal.status_changed', subjectType: 'signal', subjectId: signal.id, details: { uid: signal.uid, from: signal.status, to: status, reason, via: ctx.from.id } });
  ctx.feed.push(aboutSignal(signal, relayOf(body)));
}

async function applyLabel(ctx: Ctx, signal: SignalRecord, body: Extract<KnownBody, { type: 'signal.label_changed' }>): Promise<void> {
  if (!isLabel(body.label) || signal.label === body.label) {
    ctx.skipped += 1;
    return;
  }
  await ctx.trx.updateTable('signals').set({ label: body.label, updated_at: ctx.at }).where('id', '=', signal.id).execute();
  ctx.changed.push(signal.id);
  ctx.applied += 1;
  ctx.audit.push({ action: 'signal.label_changed', subjectType: 'signal', subjectId: signal.id, details: { uid: signal.uid, from: signal.label, to: body.label, reason: body.reason, via: ctx.from.id } });
  ctx.feed.push(aboutSignal(signal, relayOf(body)));
}

/**
 * An opinion is recorded wherever it arrives. The signal's origin decides what it means
 * for the status and tells everyone; other nodes pass it on upstream only, towards the
 * origin, so feedback from several hops away still reaches the contributor.
 */
async function applyOpinion(ctx: Ctx, signal: SignalRecord, body: Extract<KnownBody, { type: 'opinion.added' }>): Promise<void> {
  const known = await ctx.trx.selectFrom('opinions').select('id').where('uid', '=', body.opinionUid).executeTakeFirst();
  if (known) {
    ctx.skipped += 1;
    return;
  }
  await ctx.trx.insertInto('opinions').values({ signal_id: signal.id, partner: body.partner, opinion: body.opinion, reason: body.reason, created_at: ctx.at, uid: body.opinionUid }).execute();
  ctx.applied += 1;
  ctx.audit.push({ action: 'opinion.received', subjectType: 'signal', subjectId: signal.id, details: { uid: signal.uid, partner: body.partner, opinion: body.opinion, reason: body.reason, via: ctx.from.id } });
  const relay = relayOf(body);
  if (signal.origin === null) {
    ctx.feed.push({ body: relay, audience: signal.distribution });
    await recomputeStatus(ctx, signal);
  } else if (ctx.from.id !== signal.receivedFrom && signal.receivedFrom) {
    ctx.feed.push({ body: relay, audience: 'local', audienceNode: signal.receivedFrom });
  }
}

/** At the origin: the status all opinions now imply, published to everyone who holds the signal. */
export async function recomputeStatus(ctx: Pick<Ctx, 'trx' | 'at' | 'audit' | 'feed' | 'changed' | 'disputeThreshold'>, signal: SignalRecord): Promise<SignalRecord> {
  const opinions = await ctx.trx.selectFrom('opinions').select(['id', 'partner', 'opinion']).where('signal_id', '=', signal.id).execute();
  const next = statusFromOpinions(signal, opinions.map((o) => ({ id: Number(o.id), partner: o.partner, opinion: o.opinion as OpinionKind })), ctx.disputeThreshold);
  if (next.status === signal.status) return signal;
  await setStatus(ctx.trx, signal.id, next.status, next.reason, ctx.at);
  ctx.changed.push(signal.id);
  ctx.audit.push({ action: 'signal.status_changed', subjectType: 'signal', subjectId: signal.id, details: { from: signal.status, to: next.status, reason: next.reason } });
  const updated = { ...signal, status: next.status, statusReason: next.reason, updatedAt: ctx.at };
  ctx.feed.push(aboutSignal(updated, { type: 'signal.status_changed', uid: signal.uid, status: next.status, reason: next.reason }));
  return updated;
}

/** The same event, re-published under this node's signature (the node field is rewritten on append). */
function relayOf(body: KnownBody): PendingEvent['body'] {
  const { at: _at, node: _node, ...rest } = body;
  return rest as PendingEvent['body'];
}
