import { ConcordError } from '../../errors/concord-error.js';
import type { KyselyContext } from '../../store/kysely/kysely-context.js';
import { appendAudit } from '../../store/store-audit.js';
import type { Actor, NewSignal } from '../../store/store.js';
import type { Distribution } from '../../domain/signal-record.js';
import type { Label } from '../../taxonomy/labels.js';
import type { Selectable } from 'kysely';
import { coordinationDb, type CoordinationTables } from '../alerts/coordination-tables.js';

/** An entry for a person to decide: a match a rule was not sure enough of, or a candidate variant's hash. */
export interface ReviewItem {
  readonly id: number;
  readonly kind: 'match' | 'variant_candidate';
  readonly ruleId: string | null;
  readonly partner: string | null;
  /** The known signal the entry is about (matched, or the one the candidate was found next to). */
  readonly signalUid: string;
  readonly cluster: string | null;
  readonly candidate: { readonly type: string; readonly value: string } | null;
  readonly distance: number | null;
  readonly confidence: number | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly status: 'pending' | 'accepted' | 'rejected';
  readonly createdAt: string;
  readonly decidedAt: string | null;
  readonly acceptedSignalId: number | null;
}

const toItem = (r: Selectable<CoordinationTables['review_items']>): ReviewItem => ({
  id: r.id,
  kind: r.kind as ReviewItem['kind'],
  ruleId: r.rule_id,
  partner: r.partner,
  signalUid: r.signal_uid,
  cluster: r.cluster,
  candidate: r.candidate_type && r.candidate_value ? { type: r.candidate_type, value: r.candidate_value } : null,
  distance: r.distance,
  confidence: r.confidence,
  details: JSON.parse(r.details) as Record<string, unknown>,
  status: r.status as ReviewItem['status'],
  createdAt: r.created_at,
  decidedAt: r.decided_at,
  acceptedSignalId: r.accepted_signal_id,
});

/** The port the queue adds accepted candidates through (the store's signals, with four eyes). */
export interface CandidateBank {
  addSignals(bankId: number, signals: readonly NewSignal[], actor: Actor): Promise<{ id: number }[]>;
}

/**
 * The review queue. Accepting a variant candidate adds its hash to the bank the reviewer
 * names (as any new signal: it needs its confirmations before it leaves the node);
 * accepting a match entry records the decision only. A decided entry stays decided.
 */
export class ReviewQueue {
  constructor(
    private readonly ctx: KyselyContext,
    private readonly bank: CandidateBank,
  ) {}

  list(q: { status?: string; kind?: string; limit: number }): Promise<ReviewItem[]> {
    return this.ctx.run(async () => {
      let query = coordinationDb(this.ctx.db).selectFrom('review_items').selectAll().orderBy('id', 'desc').limit(q.limit);
      if (q.status) query = query.where('status', '=', q.status);
      if (q.kind) query = query.where('kind', '=', q.kind);
      return (await query.execute()).map(toItem);
    });
  }

  async get(id: number): Promise<ReviewItem> {
    const row = await this.ctx.run(() => coordinationDb(this.ctx.db).selectFrom('review_items').selectAll().where('id', '=', id).executeTakeFirst());
    if (!row) throw new ConcordError('NOT_FOUND', `no review entry ${id}`);
    return toItem(row);
  }

  async accept(id: number, input: { bankId?: number; label?: Label; reason?: string; distribution?: Distribution }, actor: Actor): Promise<ReviewItem> {
    const item = await this.pending(id);
    let acceptedSignalId: number | null = null;
    if (item.kind === 'variant_candidate') {
      if (input.bankId === undefined || !input.label) throw new ConcordError('ACTION_REVIEW_INVALID', 'accepting a variant candidate needs the bankId to add it to and its label');
      const [added] = await this.bank.addSignals(input.bankId, [{ type: item.candidate!.type, value: item.candidate!.value, label: input.label, reason: input.reason ?? `variant of ${item.signalUid}, found by a match and accepted in review`, distribution: input.distribution ?? 'local' }], actor);
      acceptedSignalId = added?.id ?? null;
    }
    return this.decide(item, 'accepted', acceptedSignalId, actor, input.reason ?? null);
  }

  async reject(id: number, reason: string, actor: Actor): Promise<ReviewItem> {
    return this.decide(await this.pending(id), 'rejected', null, actor, reason);
  }

  private async pending(id: number): Promise<ReviewItem> {
    const item = await this.get(id);
    if (item.status !== 'pending') throw new ConcordError('ACTION_REVIEW_DECIDED', `review entry ${id} was already ${item.status}`);
    return item;
  }

  private decide(item: ReviewItem, status: 'accepted' | 'rejected', acceptedSignalId: number | null, actor: Actor, reason: string | null): Promise<ReviewItem> {
    return this.ctx.changeTx(async (trx) => {
      const at = this.ctx.now();
      const res = await coordinationDb(trx)
        .updateTable('review_items')
        .set({ status, decided_at: at, decided_by_key: actor.keyId, accepted_signal_id: acceptedSignalId })
        .where('id', '=', item.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw new ConcordError('ACTION_REVIEW_DECIDED', `review entry ${item.id} was decided meanwhile`);
      await appendAudit(trx, this.ctx.dialect, actor, at, [{ action: `review.${status}`, subjectType: 'review_item', subjectId: item.id, details: { kind: item.kind, signalUid: item.signalUid, acceptedSignalId, reason } }]);
      return { ...item, status, decidedAt: at, acceptedSignalId };
    });
  }
}
