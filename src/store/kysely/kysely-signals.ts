import type { Label } from '../../taxonomy/labels.js';
import type { OpinionKind, OpinionRecord, SignalRecord } from '../../domain/signal-record.js';
import { ConcordError } from '../../errors/concord-error.js';
import type { PendingEvent } from '../../exchange/feed/feed-body.js';
import { appendAudit, type AuditEvent } from '../store-audit.js';
import { appendFeed } from '../store-feed.js';
import { aboutSignal, isShared } from '../../exchange/federation/federation-audience.js';
import type { SignalPort } from '../store-ports.js';
import { toOpinion, toSignal } from '../store-rows.js';
import { noteChanges, setStatus, signalAuditDetails, signalForUpdate } from '../store-signals.js';
import { bySignalUid, recomputeStatus } from '../store-sync.js';
import { applyConfirmation } from '../store-confirmations.js';
import type { Actor, NewSignal } from '../store.js';
import type { KyselyContext } from './kysely-context.js';
import { requireIncidents } from '../../coordination/incidents/incident-signals.js';

/** Signals in the signals table and opinions about them in opinions. */
export class KyselySignals implements SignalPort {
  constructor(private readonly ctx: KyselyContext) {}

  addSignals(bankId: number, signals: readonly NewSignal[], actor: Actor): Promise<SignalRecord[]> {
    return this.ctx.changeTx(async (trx) => {
      const at = this.ctx.now();
      const bank = await trx.selectFrom('banks').select('id').where('id', '=', bankId).executeTakeFirst();
      if (!bank) throw new ConcordError('NOT_FOUND', `no bank with id ${bankId}`);
      const seen = new Set<string>();
      for (const [i, s] of signals.entries()) {
        const key = `${s.type}\u0000${s.value}`;
        if (seen.has(key)) throw new ConcordError('CONFLICT', `signals[${i}] repeats ${s.type} ${s.value} within the batch`);
        seen.add(key);
      }
      await requireIncidents(trx, signals);
      const records: SignalRecord[] = [];
      for (let i = 0; i < signals.length; i += 500) {
        const chunk = signals.slice(i, i + 500);
        const rows = await trx
          .insertInto('signals')
          .values(
            chunk.map((s) => ({
              bank_id: bankId,
              type: s.type,
              value: s.value,
              label: s.label,
              reason: s.reason,
              contributor: actor.partner,
              // Four eyes: adding never confirms; other reviewers' keys do (addOpinion).
              reviewed_by_key: null,
              reviewed_at: null,
              added_by_key: actor.keyId,
              confirmations_required: this.ctx.confirmations.required(s.distribution),
              distribution: s.distribution,
              status: 'active',
              status_reason: null,
              match_count: 0,
              last_matched_at: null,
              created_at: at,
              updated_at: at,
              uid: this.ctx.ids.uuid(),
              origin: null,
              received_from: null,
              origin_event: null,
              incident_uid: s.incidentId ?? null,
            })),
          )
          .returningAll()
          .execute();
        // RETURNING order follows VALUES order on both engines; re-sort by id to be sure.
        records.push(...rows.map(toSignal).sort((a, b) => a.id - b.id));
      }
      await noteChanges(trx, records.map((r) => r.id), at);
      await appendAudit(
        trx,
        this.ctx.dialect,
        actor,
        at,
        records.map((r) => ({ action: 'signal.added', subjectType: 'signal', subjectId: r.id, details: { ...signalAuditDetails(r), uid: r.uid, confirmationsRequired: r.confirmationsRequired } })),
      );
      // Nothing is published yet: a new signal leaves the node once it is confirmed (applyConfirmation).
      return records;
    });
  }

  getSignal(id: number): Promise<SignalRecord | undefined> {
    return this.ctx.run(async () => {
      const row = await this.ctx.db.selectFrom('signals').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toSignal(row);
    });
  }

  getSignals(ids: readonly number[]): Promise<SignalRecord[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.ctx.run(async () => (await this.ctx.db.selectFrom('signals').selectAll().where('id', 'in', [...ids]).execute()).map(toSignal));
  }

  getSignalByUid(uid: string): Promise<SignalRecord | undefined> {
    return this.ctx.run(() => bySignalUid(this.ctx.db, uid));
  }

  /** The origin's signed event a received signal was taken in from (JSON), or null for this node's own. */
  getOriginEvent(id: number): Promise<string | null> {
    return this.ctx.run(async () => (await this.ctx.db.selectFrom('signals').select('origin_event').where('id', '=', id).executeTakeFirst())?.origin_event ?? null);
  }

  retractSignal(id: number, reason: string, actor: Actor): Promise<SignalRecord> {
    return this.ctx.changeTx(async (trx) => {
      const at = this.ctx.now();
      const signal = await signalForUpdate(trx, id);
      if (signal.contributor !== actor.partner) {
        throw new ConcordError('FORBIDDEN', `only the contributor (${signal.contributor}) can retract signal ${id}; dispute it instead`);
      }
      if (signal.status === 'retracted') throw new ConcordError('CONFLICT', `signal ${id} was already retracted`);
      await setStatus(trx, id, 'retracted', reason, at);
      await noteChanges(trx, [id], at);
      await appendAudit(trx, this.ctx.dialect, actor, at, [{ action: 'signal.retracted', subjectType: 'signal', subjectId: id, details: { reason, previousStatus: signal.status } }]);
      if (isShared(signal)) await appendFeed(trx, this.ctx.signer, at, [aboutSignal(signal, { type: 'signal.retracted', uid: signal.uid, reason })]);
      return { ...signal, status: 'retracted', statusReason: reason, updatedAt: at };
    });
  }

  relabelSignal(id: number, label: Label, reason: string, actor: Actor): Promise<SignalRecord> {
    return this.ctx.changeTx(async (trx) => {
      const at = this.ctx.now();
      const signal = await signalForUpdate(trx, id);
      if (signal.contributor !== actor.partner) {
        throw new ConcordError('FORBIDDEN', `only the contributor (${signal.contributor}) can correct the label of signal ${id}; dispute it instead`);
      }
      if (signal.label === label) throw new ConcordError('CONFLICT', `signal ${id} is already labelled ${label}`);
      await trx.updateTable('signals').set({ label, updated_at: at }).where('id', '=', id).execute();
      await noteChanges(trx, [id], at);
      await appendAudit(trx, this.ctx.dialect, actor, at, [{ action: 'signal.label_changed', subjectType: 'signal', subjectId: id, details: { from: signal.label, to: label, reason } }]);
      if (isShared(signal)) await appendFeed(trx, this.ctx.signer, at, [aboutSignal(signal, { type: 'signal.label_changed', uid: signal.uid, label, reason })]);
      return { ...signal, label, updatedAt: at };
    });
  }

  addOpinion(signalId: number, input: { opinion: OpinionKind; reason: string }, actor: Actor, disputeThreshold: number): Promise<{ opinion: OpinionRecord; signal: SignalRecord }> {
    return this.ctx.changeTx(async (trx) => {
      const at = this.ctx.now();
      let signal = await signalForUpdate(trx, signalId);
      const ctx = { trx, at, disputeThreshold, changed: [] as number[], feed: [] as PendingEvent[], audit: [] as AuditEvent[] };
      if (input.opinion === 'confirmed') {
        const confirmation = await applyConfirmation(trx, signal, actor, at, this.ctx.signer?.nodeId ?? actor.partner);
        signal = confirmation.signal;
        ctx.audit.push(...confirmation.audit);
        ctx.feed.push(...confirmation.feed);
      }
      const row = await trx
        .insertInto('opinions')
        .values({ signal_id: signalId, partner: actor.partner, opinion: input.opinion, reason: input.reason, created_at: at, uid: this.ctx.ids.uuid() })
        .returningAll()
        .executeTakeFirstOrThrow();
      ctx.audit.push({ action: 'opinion.added', subjectType: 'signal', subjectId: signalId, details: { opinion: input.opinion, reason: input.reason, partner: actor.partner } });
      ctx.feed.push(aboutSignal(signal, { type: 'opinion.added', uid: signal.uid, opinionUid: row.uid, partner: actor.partner, opinion: input.opinion, reason: input.reason }));
      let updated: SignalRecord = signal;
      // Only the signal's origin turns opinions into a status; the others learn it from its feed.
      if (signal.origin === null) updated = await recomputeStatus(ctx, updated);
      await noteChanges(trx, ctx.changed, at);
      await appendAudit(trx, this.ctx.dialect, actor, at, ctx.audit);
      if (isShared(signal)) await appendFeed(trx, this.ctx.signer, at, ctx.feed);
      return { opinion: toOpinion(row), signal: updated };
    });
  }

  confirmSignals(ids: readonly number[], actor: Actor): Promise<SignalRecord[]> {
    return this.ctx.changeTx(async (trx) => {
      const at = this.ctx.now();
      const audit: AuditEvent[] = [];
      const feed: PendingEvent[] = [];
      const records: SignalRecord[] = [];
      for (const id of new Set(ids)) {
        const confirmation = await applyConfirmation(trx, await signalForUpdate(trx, id), actor, at, this.ctx.signer?.nodeId ?? actor.partner);
        records.push(confirmation.signal);
        audit.push(...confirmation.audit);
        feed.push(...confirmation.feed);
      }
      await appendAudit(trx, this.ctx.dialect, actor, at, audit);
      await appendFeed(trx, this.ctx.signer, at, feed);
      return records;
    });
  }

  listOpinions(signalId: number): Promise<OpinionRecord[]> {
    return this.ctx.run(async () => (await this.ctx.db.selectFrom('opinions').selectAll().where('signal_id', '=', signalId).orderBy('id').execute()).map(toOpinion));
  }
}
