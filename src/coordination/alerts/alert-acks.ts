import type { Actor } from '../../store/store.js';
import type { Viewer } from '../../access/viewer.js';
import type { KyselyContext } from '../../store/kysely/kysely-context.js';
import { appendAudit } from '../../store/store-audit.js';
import { ConcordError } from '../../errors/concord-error.js';
import { toAlert, type AlertRecord } from './alert-record.js';
import { mayViewAlert } from './alert-visibility.js';
import { coordinationDb, coordinationTrx } from './coordination-tables.js';

/** Who acknowledged an alert for the caller's organisation, when, and with what note. */
export interface AlertAck {
  readonly at: string;
  readonly keyId: string;
  readonly note: string;
}

/** An alert as one organisation sees it: with its own acknowledgement, or null. */
export type AlertWithAck = AlertRecord & { readonly acknowledgement: AlertAck | null };

/**
 * Acknowledgements of alerts: this node's bookkeeping of who has taken an alert in hand.
 * Each organisation acknowledges for itself (this node's staff, or a partner organisation
 * through a key issued here), so a partner's acknowledgement never hides an alert from this
 * node's desk, and no organisation learns another's keys or notes. Nothing goes on the feed.
 * Only an alert the caller may see can be acknowledged (the distribution rule, as for reads);
 * a second acknowledgement by the same organisation is ALERT_ALREADY_ACKNOWLEDGED and
 * changes nothing, so two analysts racing for one alert learn who took it.
 *
 * @example
 *   const acks = new AlertAcks(store.context);
 *   const alert = await acks.acknowledge(viewer, { partner: 'self', keyId: 'k1' }, 'node:uuid', 'on it');
 */
export class AlertAcks {
  constructor(private readonly ctx: KyselyContext) {}

  async acknowledge(viewer: Viewer, actor: Actor, uid: string, note: string): Promise<AlertWithAck> {
    if (actor.keyId === null) throw new ConcordError('AUTH_MISSING', 'an acknowledgement is made with an API key');
    const keyId = actor.keyId;
    return this.ctx.changeTx(async (trx) => {
      const db = coordinationTrx(trx);
      const row = await db.selectFrom('alerts').selectAll().where('uid', '=', uid).executeTakeFirst();
      const alert = row ? toAlert(row) : null;
      if (!alert || !mayViewAlert(alert, viewer)) throw new ConcordError('ALERT_NOT_FOUND', `no alert ${uid} that this caller may see`);
      const known = await db.selectFrom('alert_acks').selectAll().where('alert_uid', '=', uid).where('organisation', '=', actor.partner).executeTakeFirst();
      if (known) throw new ConcordError('ALERT_ALREADY_ACKNOWLEDGED', `alert ${uid} was acknowledged at ${known.at} with key ${known.key_id}; nothing changed`);
      const at = this.ctx.now();
      await db.insertInto('alert_acks').values({ alert_uid: uid, organisation: actor.partner, key_id: keyId, note, at }).execute();
      await appendAudit(trx, this.ctx.dialect, actor, at, [{ action: 'alert.acknowledged', subjectType: 'alert', subjectId: uid, details: { note } }]);
      return { ...alert, acknowledgement: { at, keyId, note } };
    });
  }

  /** The organisation's acknowledgements of these alerts, as they are listed. */
  async withAcks(organisation: string, alerts: readonly AlertRecord[]): Promise<AlertWithAck[]> {
    const uids = alerts.map((a) => a.uid);
    const acks = new Map<string, AlertAck>();
    for (let i = 0; i < uids.length; i += 500) {
      const rows = await this.ctx.run(() => coordinationDb(this.ctx.db).selectFrom('alert_acks').selectAll().where('organisation', '=', organisation).where('alert_uid', 'in', uids.slice(i, i + 500)).execute());
      for (const r of rows) acks.set(r.alert_uid, { at: r.at, keyId: r.key_id, note: r.note });
    }
    return alerts.map((a) => ({ ...a, acknowledgement: acks.get(a.uid) ?? null }));
  }
}
