import { ConcordError } from '../../errors/concord-error.js';
import { sha256Hex } from '../../exchange/feed/feed-event.js';
import type { ReceivedBodyContext, ReceivedBodyHandler } from '../../store/received-body-handler.js';
import { ACTION_TYPES, parseAction, type ActionType } from './referral-actions.js';
import { ActionBody, LinkedBody, ReceiptBody, REFERRAL_BODY_TYPES, SentBody, toEach } from './referral-body.js';
import { linkSameContent, signalValueKeys } from './referral-deconfliction.js';
import { contentKeysOf } from './referral-input.js';
import { transition } from './referral-rules.js';
import { addEvent, receivedPatch, rowOf } from './referral-store.js';
import type { ReferralRow } from './referral-tables.js';
import { isOneOf, REFERRAL_KINDS } from './referral-terms.js';
import { toPartner } from '../../store/store-rows.js';

type Body = Record<string, unknown> & { type: string };

/**
 * Referral events from partners' feeds (the feed layer verified the chain and the
 * signature of `ctx.from`). Every event must come from the party allowed to write it;
 * one that does not is refused as forged, one seen before as replayed, one the rule book
 * does not allow with the rule's own code: each refusal is an audit entry
 * `referral.event_refused` with its code, and changes nothing else.
 */
export const referralReceivedHandler: ReceivedBodyHandler = {
  types: REFERRAL_BODY_TYPES,
  async apply(ctx, body) {
    try {
      if (body.node !== ctx.from.id) throw new ConcordError('REFERRAL_EVENT_FORGED', `the event names node ${String(body.node)} but is on the feed of ${ctx.from.id}`);
      if (body.type === 'referral.sent') await applySent(ctx, body);
      else if (body.type === 'referral.receipt') await applyReceipt(ctx, body);
      else if (body.type === 'referral.linked') await applyLinked(ctx, body);
      else await applyAction(ctx, body, body.type.slice('referral.'.length) as ActionType);
      return 'applied';
    } catch (err) {
      if (!(err instanceof ConcordError)) throw err;
      if (err.code === 'REFERRAL_NOT_FOUND' && typeof body.referral === 'string') {
        // Partners' feeds are not ordered with each other: the receiver's receipt can reach the
        // scrutiny authority before the sender's copy does. Held, and applied when the referral arrives.
        await hold(ctx, body.referral, body);
        return 'applied';
      }
      const referral = typeof body.referral === 'string' ? body.referral : typeof (body.referral as { id?: unknown })?.id === 'string' ? (body.referral as { id: string }).id : 'unknown';
      ctx.audit.push({ action: 'referral.event_refused', subjectType: 'referral', subjectId: referral, details: { code: err.code, message: err.message, type: body.type, from: ctx.from.id, seq: ctx.seq } });
      return 'skipped';
    }
  },
};

function chainHashOf(wire: string): string {
  try {
    const hash = (JSON.parse(wire) as { hash?: unknown }).hash;
    if (typeof hash === 'string') return hash;
  } catch {
    /* not JSON: hash the text */
  }
  return sha256Hex(wire);
}

async function selfId(ctx: ReceivedBodyContext): Promise<string> {
  const row = await ctx.trx.selectFrom('node_settings').select('value').where('key', '=', 'node.partner').executeTakeFirst();
  if (!row) throw new ConcordError('NODE_KEY_MISSING', 'this node has no identity yet');
  return row.value;
}

const malformed = (what: string, message: string) => new ConcordError('REFERRAL_EVENT_FORGED', `malformed ${what}: ${message}`);

async function applySent(ctx: ReceivedBodyContext, raw: Body): Promise<void> {
  const parsed = SentBody.safeParse(raw);
  if (!parsed.success) throw malformed(raw.type, parsed.error.issues[0]?.message ?? 'invalid');
  const r = parsed.data.referral;
  if (r.sender !== ctx.from.id) throw new ConcordError('REFERRAL_EVENT_FORGED', `referral ${r.id} names ${r.sender} as sender but came from ${ctx.from.id}`);
  if (!isOneOf(REFERRAL_KINDS, r.kind)) throw new ConcordError('REFERRAL_KIND_UNKNOWN', `unknown kind "${r.kind}"`);
  const self = await selfId(ctx);
  const role = r.receiver === self ? 'receiver' : r.scrutiny === self ? 'scrutiny' : undefined;
  if (!role) throw new ConcordError('REFERRAL_EVENT_FORGED', `referral ${r.id} is addressed to ${r.receiver}, not this node`);
  const known = await ctx.trx.selectFrom('referrals').select('id').where('id', '=', r.id).executeTakeFirst();
  if (known) throw new ConcordError('REFERRAL_EVENT_REPLAYED', `referral ${r.id} was received before`);
  const row = rowOf(r, role, parsed.data.at, ctx.at);
  // The receipt names the sender's event by its signed chain hash: the sender can tell which event was received.
  const eventHash = chainHashOf(ctx.wire);
  if (role === 'receiver') Object.assign(row, receivedPatch(row, ctx.at, eventHash, ctx.at));
  else row.scrutiny_opened_at = ctx.at;
  await ctx.trx.insertInto('referrals').values(row).execute();
  await addEvent(ctx.trx, { event_id: `sent:${r.id}:${role}`, referral_id: r.id, type: 'sent', at: parsed.data.at, node: ctx.from.id, details: JSON.stringify({ to: r.receiver, scrutiny: r.scrutiny }), wire: ctx.wire });
  ctx.audit.push({ action: 'referral.received', subjectType: 'referral', subjectId: r.id, details: { kind: r.kind, from: ctx.from.id, role } });
  if (role !== 'receiver') return applyHeld(ctx, r.id);
  // The signed receipt: exact send time (the sender's event) and receipt time (this node's clock).
  const eventId = `receipt:${r.id}`; // one receipt per referral: its id needs no generator
  const receipt = { type: 'referral.receipt', referral: r.id, eventId, sentAt: parsed.data.at, receivedAt: ctx.at, sentEventHash: eventHash };
  await addEvent(ctx.trx, { event_id: eventId, referral_id: r.id, type: 'receipt', at: ctx.at, node: self, details: JSON.stringify({ sentAt: parsed.data.at, receivedAt: ctx.at, sentEventHash: eventHash }), wire: null });
  ctx.feed.push(...toEach([r.sender, r.scrutiny], receipt));
  const keys = [...contentKeysOf(r.urls, r.signalUids), ...(await signalValueKeys(ctx.trx, r.signalUids))];
  if (keys.length > 0) await ctx.trx.insertInto('referral_content').values(keys.map((k) => ({ referral_id: r.id, content_key: k }))).execute();
  const links = await linkSameContent(ctx.trx, row, keys, ctx.at, (member) => `linked:${member}:${r.id}`);
  ctx.feed.push(...links.feed);
  if (links.linked > 0) ctx.audit.push({ action: 'referral.linked', subjectType: 'referral', subjectId: r.id, details: { referrals: links.linked } });
  await applyHeld(ctx, r.id);
}

/** Keeps an event about a referral not held here yet, with the partner it came from. */
async function hold(ctx: ReceivedBodyContext, referral: string, body: Body): Promise<void> {
  await addEvent(ctx.trx, { event_id: `held:${ctx.from.id}:${ctx.seq}`, referral_id: referral, type: 'held', at: ctx.at, node: ctx.from.id, details: JSON.stringify({ seq: ctx.seq, body }), wire: ctx.wire });
  ctx.audit.push({ action: 'referral.event_held', subjectType: 'referral', subjectId: referral, details: { type: body.type, from: ctx.from.id, seq: ctx.seq } });
}

/** Applies, in arrival order, the events held for a referral that has just arrived. */
async function applyHeld(ctx: ReceivedBodyContext, referral: string): Promise<void> {
  const held = await ctx.trx.selectFrom('referral_events').selectAll().where('referral_id', '=', referral).where('type', '=', 'held').orderBy('n').execute();
  if (held.length === 0) return;
  await ctx.trx.deleteFrom('referral_events').where('referral_id', '=', referral).where('type', '=', 'held').execute();
  for (const h of held) {
    const { seq, body } = JSON.parse(h.details) as { seq: number; body: Body };
    const from = await ctx.trx.selectFrom('partners').selectAll().where('id', '=', h.node).executeTakeFirst();
    if (!from) continue;
    await referralReceivedHandler.apply({ ...ctx, from: toPartner(from), wire: h.wire ?? '', seq }, body);
  }
}

async function referralFor(ctx: ReceivedBodyContext, id: string): Promise<ReferralRow> {
  const row = await ctx.trx.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ConcordError('REFERRAL_NOT_FOUND', `no referral ${id} here`);
  return row;
}

async function seen(ctx: ReceivedBodyContext, eventId: string): Promise<void> {
  const found = await ctx.trx.selectFrom('referral_events').select('event_id').where('event_id', '=', eventId).executeTakeFirst();
  if (found) throw new ConcordError('REFERRAL_EVENT_REPLAYED', `event ${eventId} was applied before`);
}

async function applyReceipt(ctx: ReceivedBodyContext, raw: Body): Promise<void> {
  const parsed = ReceiptBody.safeParse(raw);
  if (!parsed.success) throw malformed(raw.type, parsed.error.issues[0]?.message ?? 'invalid');
  const b = parsed.data;
  const row = await referralFor(ctx, b.referral);
  if (row.receiver !== ctx.from.id) throw new ConcordError('REFERRAL_EVENT_FORGED', `a receipt for referral ${row.id} came from ${ctx.from.id}, not its receiver`);
  await seen(ctx, b.eventId);
  if (row.received_at !== null) throw new ConcordError('REFERRAL_EVENT_REPLAYED', `referral ${row.id} has a receipt already (${row.received_at})`);
  if (Number.isNaN(Date.parse(b.receivedAt))) throw malformed(raw.type, 'receivedAt is not a time');
  if (row.role === 'sender') {
    const ours = await ctx.trx.selectFrom('feed_events').select('seq').where('type', '=', 'referral.sent').where('audience_node', '=', ctx.from.id).where('hash', '=', b.sentEventHash).executeTakeFirst();
    if (!ours) throw new ConcordError('REFERRAL_EVENT_FORGED', `the receipt for referral ${row.id} names an event this node never sent to ${ctx.from.id}`);
  }
  await ctx.trx.updateTable('referrals').set(receivedPatch(row, b.receivedAt, b.sentEventHash, ctx.at)).where('id', '=', row.id).execute();
  await addEvent(ctx.trx, { event_id: b.eventId, referral_id: row.id, type: 'receipt', at: b.receivedAt, node: ctx.from.id, details: JSON.stringify({ sentAt: b.sentAt, receivedAt: b.receivedAt, sentEventHash: b.sentEventHash, recordedAt: ctx.at }), wire: ctx.wire });
  ctx.audit.push({ action: 'referral.receipt', subjectType: 'referral', subjectId: row.id, details: { sentAt: b.sentAt, receivedAt: b.receivedAt } });
}

async function applyLinked(ctx: ReceivedBodyContext, raw: Body): Promise<void> {
  const parsed = LinkedBody.safeParse(raw);
  if (!parsed.success) throw malformed(raw.type, parsed.error.issues[0]?.message ?? 'invalid');
  const b = parsed.data;
  const row = await referralFor(ctx, b.referral);
  if (row.receiver !== ctx.from.id || row.role !== 'sender') throw new ConcordError('REFERRAL_EVENT_FORGED', `a deconfliction notice for referral ${row.id} came from ${ctx.from.id}, not its receiver`);
  await seen(ctx, b.eventId);
  await ctx.trx.updateTable('referrals').set({ linked: JSON.stringify(b.linked), updated_at: ctx.at }).where('id', '=', row.id).execute();
  await addEvent(ctx.trx, { event_id: b.eventId, referral_id: row.id, type: 'linked', at: b.at, node: ctx.from.id, details: JSON.stringify({ linked: b.linked, keys: b.keys }), wire: ctx.wire });
  ctx.audit.push({ action: 'referral.linked', subjectType: 'referral', subjectId: row.id, details: { referrals: b.linked.length } });
}

async function applyAction(ctx: ReceivedBodyContext, raw: Body, type: ActionType): Promise<void> {
  if (!ACTION_TYPES.includes(type)) throw malformed(raw.type, 'unknown action');
  const parsed = ActionBody.safeParse(raw);
  if (!parsed.success) throw malformed(raw.type, parsed.error.issues[0]?.message ?? 'invalid');
  const { referral, eventId, at } = parsed.data;
  const row = await referralFor(ctx, referral);
  const by = ctx.from.id === row.receiver ? 'receiver' : ctx.from.id === row.sender ? 'sender' : ctx.from.id === row.scrutiny ? 'scrutiny' : undefined;
  if (!by) throw new ConcordError('REFERRAL_EVENT_FORGED', `${ctx.from.id} is not a party to referral ${row.id}`);
  await seen(ctx, eventId);
  const { type: _t, at: _a, node: _n, referral: _r, eventId: _e, ...fields } = raw;
  const action = parseAction(type, fields);
  if (!action.ok) throw malformed(raw.type, action.message);
  // The writer's own time: every party computes the same pauses and due times.
  const patch = transition(row, action.action, by, at);
  await ctx.trx.updateTable('referrals').set({ ...patch, updated_at: ctx.at }).where('id', '=', row.id).execute();
  await addEvent(ctx.trx, { event_id: eventId, referral_id: row.id, type, at, node: ctx.from.id, details: JSON.stringify(fields), wire: ctx.wire });
  ctx.audit.push({ action: `referral.${type}`, subjectType: 'referral', subjectId: row.id, details: { from: ctx.from.id, ...fields } });
}
