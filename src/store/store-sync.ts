import type { Kysely, Transaction } from 'kysely';
import type { OpinionKind, SignalRecord } from '../domain/signal-record.js';
import type { AuditEvent } from '../domain/audit-event.js';
import { KnownBody, type PendingEvent, type SharedSignal } from '../exchange/feed/feed-body.js';
import { decideKeyRotation, decideReceivedChange, decideReceivedOpinion, receivedSignalEffects, receivedSignalTerms, screenReceivedSignals } from '../exchange/federation/federation-received.js';
import { decideRecount } from '../exchange/federation/federation-status.js';
import type { Database } from './database-schema.js';
import type { NearSignals } from './kysely/kysely-context.js';
import type { DialectName } from './migrations.js';
import { appendAudit } from './store-audit.js';
import { appendFeed, type FeedSigner } from './store-feed.js';
import { toSignal } from './store-rows.js';
import { keepCheckpoint, receivedCheckpoint } from './store-checkpoints.js';
import { noteChanges, setStatus } from './store-signals.js';
import { handlerFor } from './received-body-handlers.js';
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
 * paths (directly and relayed). What each event means is decided by the federation
 * rules (src/exchange/federation/) from the state read here; this file only reads and
 * writes. Events of unknown types or about unknown signals are skipped and counted.
 */
export async function applyReceived(
  trx: Transaction<Database>,
  dialect: DialectName,
  signer: FeedSigner | undefined,
  from: PartnerRecord,
  events: readonly ReceivedEvent[],
  disputeThreshold: number,
  at: string,
  nearSignals: NearSignals = () => [],
): Promise<{ applied: number; skipped: number; changedSignals: number }> {
  const ctx: Ctx = { trx, signer, from, disputeThreshold, at, audit: [], feed: [], changed: [], applied: 0, skipped: 0 };
  let pending: { shared: SharedSignal; wire: string }[] = [];
  for (const event of events) {
    const checkpoint = receivedCheckpoint(event, from.id); // audit checkpoints: kept, see store-checkpoints.ts
    if (checkpoint) {
      await keepCheckpoint(trx, checkpoint);
      ctx.applied += 1;
      continue;
    }
    const plugged = isTyped(event.body) ? handlerFor(event.body.type) : undefined;
    if (plugged && isTyped(event.body)) {
      await insertReceived(ctx, pending); // the plugged event may refer to a signal of this batch
      pending = [];
      const outcome = await plugged.apply({ trx, dialect, from, wire: event.wire, seq: event.seq, at, audit: ctx.audit, feed: ctx.feed, nearSignals }, event.body);
      if (outcome === 'applied') ctx.applied += 1;
      else ctx.skipped += 1;
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
      const current = await trx.selectFrom('partners').select('public_key').where('id', '=', from.id).executeTakeFirst();
      const decision = decideKeyRotation(from, current?.public_key, body);
      if (decision.kind === 'skip') ctx.skipped += 1;
      else {
        await trx.updateTable('partners').set({ public_key: decision.publicKey }).where('id', '=', from.id).execute();
        ctx.applied += 1;
        ctx.audit.push(decision.audit);
      }
      continue;
    }
    const signal = await bySignalUid(trx, body.uid);
    if (!signal) ctx.skipped += 1;
    else if (body.type === 'opinion.added') await applyOpinion(ctx, signal, body);
    else await applyChange(ctx, signal, decideReceivedChange(signal, body, from));
  }
  await insertReceived(ctx, pending);
  await noteChanges(trx, ctx.changed, at);
  await appendAudit(trx, dialect, { partner: from.id, keyId: null }, at, ctx.audit);
  await appendFeed(trx, signer, at, ctx.feed);
  return { applied: ctx.applied, skipped: ctx.skipped, changedSignals: ctx.changed.length };
}

async function applyChange(ctx: Ctx, signal: SignalRecord, decision: ReturnType<typeof decideReceivedChange>): Promise<void> {
  if (decision.kind === 'skip') {
    ctx.skipped += 1;
    return;
  }
  const { status, statusReason, label } = decision.set;
  await ctx.trx
    .updateTable('signals')
    .set({ ...(status !== undefined ? { status, status_reason: statusReason ?? null } : {}), ...(label !== undefined ? { label } : {}), updated_at: ctx.at })
    .where('id', '=', signal.id)
    .execute();
  ctx.changed.push(signal.id);
  ctx.applied += 1;
  ctx.audit.push(decision.audit);
  ctx.feed.push(...decision.feed);
}

function isTyped(body: unknown): body is Record<string, unknown> & { type: string } {
  return typeof body === 'object' && body !== null && typeof (body as { type?: unknown }).type === 'string';
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
  const { fresh, skipped } = screenReceivedSignals(batch, ctx.signer?.nodeId);
  ctx.skipped += skipped;
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
        items.slice(i, i + 300).map(({ shared: s, wire }) => {
          const terms = receivedSignalTerms(s);
          return {
            bank_id: bankId,
            type: s.type,
            value: s.value,
            label: s.label,
            reason: s.reason,
            contributor: s.contributor,
            reviewed_by_key: null,
            reviewed_at: null,
            distribution: terms.distribution,
            status: terms.status,
            status_reason: terms.statusReason,
            match_count: 0,
            last_matched_at: null,
            created_at: ctx.at,
            updated_at: ctx.at,
            uid: s.uid,
            origin: s.origin,
            received_from: ctx.from.id,
            origin_event: wire,
            // Confirmed at its origin (four eyes held there); it needs none here.
            confirmations_required: 0,
            confirmed_at: ctx.at,
            incident_uid: s.incident ?? null,
          };
        }),
      )
      // The same hash shared twice by one partner under two ids: the first one stands.
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .execute();
    ctx.skipped += Math.min(300, items.length - i) - rows.length;
    for (const row of rows) {
      const signal = toSignal(row);
      const { shared, wire } = fresh.get(signal.uid)!;
      const effects = receivedSignalEffects(signal, shared, wire, ctx.from);
      ctx.changed.push(signal.id);
      ctx.applied += 1;
      ctx.audit.push(effects.audit);
      ctx.feed.push(...effects.feed);
    }
  }
}

async function applyOpinion(ctx: Ctx, signal: SignalRecord, body: Extract<KnownBody, { type: 'opinion.added' }>): Promise<void> {
  const known = await ctx.trx.selectFrom('opinions').select('id').where('uid', '=', body.opinionUid).executeTakeFirst();
  const decision = decideReceivedOpinion(signal, body, ctx.from, known !== undefined);
  if (decision.kind === 'skip') {
    ctx.skipped += 1;
    return;
  }
  const o = decision.opinion;
  await ctx.trx.insertInto('opinions').values({ signal_id: signal.id, partner: o.partner, opinion: o.opinion, reason: o.reason, created_at: ctx.at, uid: o.uid }).execute();
  ctx.applied += 1;
  ctx.audit.push(decision.audit);
  ctx.feed.push(...decision.feed);
  if (decision.recount) await recomputeStatus(ctx, signal);
}

/** At the origin: reads the signal's opinions and applies the recount the federation rules decide. */
export async function recomputeStatus(ctx: Pick<Ctx, 'trx' | 'at' | 'audit' | 'feed' | 'changed' | 'disputeThreshold'>, signal: SignalRecord): Promise<SignalRecord> {
  const opinions = await ctx.trx.selectFrom('opinions').select(['id', 'partner', 'opinion']).where('signal_id', '=', signal.id).execute();
  const recount = decideRecount(signal, opinions.map((o) => ({ id: Number(o.id), partner: o.partner, opinion: o.opinion as OpinionKind })), ctx.disputeThreshold, ctx.at);
  if (recount.kind === 'unchanged') return signal;
  await setStatus(ctx.trx, signal.id, recount.status, recount.reason, ctx.at);
  ctx.changed.push(signal.id);
  ctx.audit.push(recount.audit);
  ctx.feed.push(recount.feed);
  return recount.signal;
}
