import type { Transaction } from 'kysely';
import type { Viewer } from '../../access/viewer.js';
import type { Database } from '../../store/database-schema.js';
import type { KyselyContext } from '../../store/kysely/kysely-context.js';
import { appendAudit } from '../../store/store-audit.js';
import { appendFeed } from '../../store/store-feed.js';
import { ConcordError } from '../../errors/concord-error.js';
import type { AlertInput, AlertSink } from '../alert-sink.js';
import { checkAlertInput, toAlert, type AlertRecord } from './alert-record.js';
import { mayViewAlert } from './alert-visibility.js';
import { insertAlertRow } from './alert-row.js';
import { ALERT_RAISED } from './alert-wire.js';
import { coordinationDb, coordinationTrx } from './coordination-tables.js';

/** Work done in the same transaction as a new alert (queueing its webhooks). */
export type AlertStoredHook = (trx: Transaction<Database>, alert: AlertRecord, at: string) => Promise<void>;

export interface AlertQuery {
  readonly kind?: string;
  readonly severity?: 'info' | 'warning' | 'critical';
  /** Alerts raised or repeated at or after this time (ISO-8601). */
  readonly since?: string;
  readonly incident?: string;
  /** Only alerts this organisation has (true) or has not (false) acknowledged (alert-acks.ts). */
  readonly acknowledged?: { readonly by: string; readonly is: boolean };
  readonly limit: number;
}

/**
 * The AlertSink of a node with the alerts module: an alert is stored, audited and (unless
 * `local`) published on the feed in one transaction, so an acknowledged alert is durable
 * and signed together. The same dedupe key raised again at this node is the same alert:
 * its repeat count and last time move, nothing is published again.
 *
 * @example
 *   const alerts = new StoreAlertSink(store.context);
 *   await alerts.raise({ kind: 'surge', severity: 'warning', title: '…', subject: { type: 'cluster', id: 'c1' }, dedupeKey: 'surge:c1:1', distribution: 'partners' });
 */
export class StoreAlertSink implements AlertSink {
  private readonly hooks: AlertStoredHook[] = [];

  constructor(private readonly ctx: KyselyContext) {}

  /** Runs `hook` in the transaction of every new alert, raised here or received. */
  onStored(hook: AlertStoredHook): void {
    this.hooks.push(hook);
  }

  get storedHooks(): readonly AlertStoredHook[] {
    return this.hooks;
  }

  async raise(input: AlertInput): Promise<void> {
    await this.raiseAlert(input);
  }

  /** Raises an alert and returns it as stored (the first of its dedupe key, with its count). */
  async raiseAlert(input: AlertInput): Promise<AlertRecord> {
    checkAlertInput(input);
    return this.ctx.changeTx(async (trx) => {
      const db = coordinationTrx(trx);
      const self = this.ctx.signer?.nodeId ?? 'self';
      const at = this.ctx.now();
      const known = await db.selectFrom('alerts').selectAll().where('origin', '=', self).where('dedupe_key', '=', input.dedupeKey).executeTakeFirst();
      if (known) {
        await db.updateTable('alerts').set({ repeat_count: known.repeat_count + 1, last_at: at }).where('id', '=', known.id).execute();
        return toAlert({ ...known, repeat_count: known.repeat_count + 1, last_at: at });
      }
      const alert = await insertAlertRow(trx, { uid: `${self}:${this.ctx.ids.uuid()}`, origin: self, alert: input }, { kind: 'raised', at });
      await appendAudit(trx, this.ctx.dialect, { partner: self, keyId: null }, at, [
        { action: 'alert.raised', subjectType: 'alert', subjectId: alert.uid, details: { kind: alert.kind, subject: alert.subject, distribution: alert.distribution } },
      ]);
      // A local alert has no one to go to: no event (a stub would only tell partners that something happened).
      if (input.distribution !== 'local' || input.audienceNode) {
        const { uid, origin: _o, repeatCount: _r, firstAt, lastAt: _l, receivedFrom: _f, ...wire } = alert;
        await appendFeed(trx, this.ctx.signer, at, [{ body: { type: ALERT_RAISED, alert: { ...wire, uid, raisedAt: firstAt } }, audience: input.distribution, audienceNode: input.audienceNode ?? null }]);
      }
      for (const hook of this.hooks) await hook(trx, alert, at);
      return alert;
    });
  }

  /** One alert by uid, if the viewer may see it: ALERT_NOT_FOUND otherwise (an unseen alert and no alert look the same). */
  async get(viewer: Viewer, uid: string): Promise<AlertRecord> {
    return this.ctx.run(async () => {
      const row = await coordinationDb(this.ctx.db).selectFrom('alerts').selectAll().where('uid', '=', uid).executeTakeFirst();
      const alert = row ? toAlert(row) : null;
      if (!alert || !mayViewAlert(alert, viewer)) throw new ConcordError('ALERT_NOT_FOUND', `no alert ${uid} that this caller may see`);
      return alert;
    });
  }

  /** Alerts the viewer may see, newest first, filtered as asked. */
  async list(viewer: Viewer, q: AlertQuery): Promise<AlertRecord[]> {
    return this.ctx.run(async () => {
      const out: AlertRecord[] = [];
      let before: number | undefined;
      // Pages until `limit` visible alerts: the rule is applied to every row in code, not trusted to SQL.
      for (;;) {
        let query = coordinationDb(this.ctx.db).selectFrom('alerts').selectAll().orderBy('id', 'desc').limit(500);
        if (q.kind) query = query.where('kind', '=', q.kind);
        if (q.severity) query = query.where('severity', '=', q.severity);
        if (q.since) query = query.where('last_at', '>=', q.since);
        if (q.incident) query = query.where('incident_id', '=', q.incident);
        if (q.acknowledged) {
          const { by, is } = q.acknowledged;
          query = query.where((eb) => {
            const acked = eb.selectFrom('alert_acks').select('alert_acks.alert_uid').whereRef('alert_acks.alert_uid', '=', 'alerts.uid').where('alert_acks.organisation', '=', by);
            return is ? eb.exists(acked) : eb.not(eb.exists(acked));
          });
        }
        if (before !== undefined) query = query.where('id', '<', before);
        const rows = await query.execute();
        for (const row of rows) {
          const alert = toAlert(row);
          if (mayViewAlert(alert, viewer)) out.push(alert);
          if (out.length >= q.limit) return out;
        }
        if (rows.length < 500) return out;
        before = rows[rows.length - 1]!.id;
      }
    });
  }
}
