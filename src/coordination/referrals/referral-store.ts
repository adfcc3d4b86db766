import type { Kysely, Transaction } from 'kysely';
import { ConcordError } from '../../errors/concord-error.js';
import type { Database } from '../../store/database-schema.js';
import type { KyselyContext } from '../../store/kysely/kysely-context.js';
import { appendAudit } from '../../store/store-audit.js';
import { appendFeed } from '../../store/store-feed.js';
import type { Actor } from '../../store/store.js';
import type { ReferralAction } from './referral-actions.js';
import { toEach, type SharedReferral } from './referral-body.js';
import { dueAt } from './referral-clock.js';
import type { ValidReferral } from './referral-input.js';
import { transition } from './referral-rules.js';
import type { ReferralEventRow, ReferralRow } from './referral-tables.js';

export interface ReferralFilter {
  readonly direction?: 'in' | 'out';
  readonly status?: string;
  readonly overdue?: boolean;
  /** Only referrals sent under this incident (its network-wide id). */
  readonly incident?: string;
  readonly limit?: number;
}

/**
 * Referrals in the store: sending one, acting on one, and reading them. Every change is
 * one transaction that updates the row, adds its event to the history, appends the audit
 * entry and writes the signed feed events to the other parties: all of it or none.
 */
export class KyselyReferrals {
  constructor(private readonly ctx: KyselyContext) {}

  /**
   * Stores and sends a validated referral; `scrutiny` is the authority designated for the
   * receiver, if any. `also` writes what belongs with the referral (the link on a find it
   * was opened from) in the same transaction: if it fails, nothing is stored or sent.
   */
  send(v: ValidReferral, actor: Actor, scrutiny: string | null, also?: (trx: Transaction<Database>, row: ReferralRow) => Promise<void>): Promise<ReferralRow> {
    return this.ctx.changeTx(async (trx) => {
      const at = this.ctx.now();
      const self = this.self();
      const id = this.ctx.ids.uuid();
      const shared: SharedReferral = {
        id,
        sender: self,
        receiver: v.to,
        scrutiny,
        kind: v.kind,
        label: v.label,
        grounds: [...v.grounds],
        legalBasis: v.legalBasis,
        reasons: v.reasons,
        redress: v.redress,
        noticeWithheld: v.noticeWithheld,
        noticeWithheldUntil: v.noticeWithheldUntil,
        incidentId: v.incidentId,
        order: v.order,
        urls: [...v.urls],
        signalUids: [...v.signalUids],
        windowMs: v.windowMs,
      };
      const row = rowOf(shared, 'sender', at, at);
      await trx.insertInto('referrals').values(row).execute();
      await addEvent(trx, { event_id: this.ctx.ids.uuid(), referral_id: id, type: 'sent', at, node: self, details: JSON.stringify({ to: v.to, scrutiny }), wire: null });
      await appendAudit(trx, this.ctx.dialect, actor, at, [{ action: 'referral.sent', subjectType: 'referral', subjectId: id, details: { kind: v.kind, to: v.to, scrutiny, contentKeys: v.contentKeys.length } }]);
      // The same signed body to the receiver and, as the Art. 4(1) copy, to the scrutiny authority.
      await appendFeed(trx, this.ctx.signer, at, toEach([v.to, scrutiny], { type: 'referral.sent', referral: shared }));
      await also?.(trx, row);
      return row;
    });
  }

  /** Records an action of this node on a referral, and tells the other parties. */
  act(id: string, action: ReferralAction, actor: Actor): Promise<ReferralRow> {
    return this.ctx.changeTx(async (trx) => {
      const at = this.ctx.now();
      const row = await trx.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new ConcordError('REFERRAL_NOT_FOUND', `no referral with id ${id}`);
      const patch = transition(row, action, row.role as 'sender' | 'receiver' | 'scrutiny', at);
      await trx.updateTable('referrals').set(patch).where('id', '=', id).execute();
      const eventId = this.ctx.ids.uuid();
      const { type, ...fields } = action;
      await addEvent(trx, { event_id: eventId, referral_id: id, type, at, node: this.self(), details: JSON.stringify(fields), wire: null });
      await appendAudit(trx, this.ctx.dialect, actor, at, [{ action: `referral.${type}`, subjectType: 'referral', subjectId: id, details: fields }]);
      const others = [row.sender, row.receiver, row.scrutiny].filter((n) => n !== this.self());
      await appendFeed(trx, this.ctx.signer, at, toEach(others, { type: `referral.${type}`, referral: id, eventId, ...fields }));
      return { ...row, ...patch };
    });
  }

  get(id: string): Promise<{ row: ReferralRow; history: ReferralEventRow[] } | undefined> {
    return this.ctx.run(async () => {
      const row = await this.ctx.db.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      return { row, history: await historyOf(this.ctx.db, id) };
    });
  }

  list(filter: ReferralFilter, now: number): Promise<ReferralRow[]> {
    return this.ctx.run(async () => {
      let q = this.ctx.db.selectFrom('referrals').selectAll();
      if (filter.direction === 'out') q = q.where('role', '=', 'sender');
      if (filter.direction === 'in') q = q.where('role', 'in', ['receiver', 'scrutiny']);
      if (filter.status !== undefined) q = q.where('status', '=', filter.status);
      if (filter.incident !== undefined) q = q.where('incident_id', '=', filter.incident);
      if (filter.overdue) {
        const t = new Date(now).toISOString();
        q = q.where((eb) => eb.or([eb.and([eb('due_at', 'is not', null), eb('due_at', '<', t)]), eb.and([eb('scrutiny_due_at', 'is not', null), eb('scrutiny_due_at', '<', t)])]));
      }
      return q.orderBy('sent_at', 'desc').orderBy('id').limit(filter.limit ?? 500).execute();
    });
  }

  /** Notes which overdue clocks of a referral have raised their alert, so each raises one. */
  markAlerted(id: string, keys: readonly string[]): Promise<void> {
    return this.ctx.run(async () => {
      await this.ctx.db.updateTable('referrals').set({ alerted: JSON.stringify(keys) }).where('id', '=', id).execute();
    });
  }

  private self(): string {
    const id = this.ctx.signer?.nodeId;
    if (!id) throw new ConcordError('NODE_KEY_MISSING', 'this process has no node key loaded, so it cannot send or answer referrals');
    return id;
  }
}

/** The row a node keeps for a referral it sends (`sender`) or receives (`receiver`, `scrutiny`). */
export function rowOf(r: SharedReferral, role: 'sender' | 'receiver' | 'scrutiny', sentAt: string, at: string): ReferralRow {
  const row: ReferralRow = {
    id: r.id,
    role,
    sender: r.sender,
    receiver: r.receiver,
    scrutiny: r.scrutiny,
    kind: r.kind,
    label: r.label,
    status: 'sent',
    grounds: JSON.stringify(r.grounds),
    legal_basis: r.legalBasis,
    reasons: r.reasons,
    redress: r.redress,
    notice_withheld: r.noticeWithheld ? 1 : 0,
    notice_withheld_until: r.noticeWithheldUntil,
    incident_id: r.incidentId,
    order_fields: r.order === null ? null : JSON.stringify(r.order),
    content: JSON.stringify({ urls: r.urls, signalUids: r.signalUids }),
    window_ms: r.windowMs,
    sent_at: sentAt,
    received_at: null,
    receipt_hash: null,
    acked_at: null,
    paused_ms: 0,
    paused_since: null,
    due_at: null,
    obstacle: null,
    decided_at: null,
    outcome: null,
    acted_at: null,
    decision_reason: null,
    scrutiny_status: null,
    scrutiny_opened_at: null,
    scrutiny_requested_at: null,
    scrutiny_due_at: null,
    scrutiny_decided_at: null,
    scrutiny_reasons: null,
    reinstatement: null,
    reinstated_at: null,
    linked: '[]',
    alerted: null,
    created_at: at,
    updated_at: at,
  };
  return row;
}

/** Applies a receipt's times to a row: the clock starts at receipt. */
export function receivedPatch(row: ReferralRow, receivedAt: string, hash: string, at: string): Partial<ReferralRow> {
  const next = { ...row, received_at: receivedAt, receipt_hash: hash, status: row.status === 'sent' ? 'received' : row.status };
  return { received_at: receivedAt, receipt_hash: hash, status: next.status, due_at: dueAt(next), updated_at: at };
}

/** Adds an event to a referral's history, after those applied before it here. */
export async function addEvent(trx: Transaction<Database>, e: Omit<ReferralEventRow, 'n'>): Promise<void> {
  const last = await trx.selectFrom('referral_events').select((eb) => eb.fn.max('n').as('n')).where('referral_id', '=', e.referral_id).executeTakeFirst();
  await trx.insertInto('referral_events').values({ ...e, n: Number(last?.n ?? 0) + 1 }).execute();
}

export async function historyOf(db: Kysely<Database>, id: string): Promise<ReferralEventRow[]> {
  return db.selectFrom('referral_events').selectAll().where('referral_id', '=', id).orderBy('n').execute();
}
