import { oneHopLess } from '../../exchange/distribution.js';
import type { ReceivedBodyHandler } from '../../store/received-body-handler.js';
import { enqueueAlertDeliveries } from '../actions/alert-deliveries.js';
import { insertAlertRow } from './alert-row.js';
import { ALERT_RAISED, AlertRaisedBody } from './alert-wire.js';
import { coordinationTrx } from './coordination-tables.js';

/**
 * Applies a partner's `alert.raised`: stored once by its uid, attributed to the node whose
 * signed feed it came on, kept one hop less shareable (as received signals are), and sent
 * on to this node's webhooks subscribed to alerts. Alerts are not relayed: an alert whose
 * body names another node, or whose uid is not the sender's, is skipped.
 */
export const alertReceivedHandler: ReceivedBodyHandler = {
  types: [ALERT_RAISED],
  async apply(ctx, body) {
    const parsed = AlertRaisedBody.safeParse(body);
    if (!parsed.success) return 'skipped';
    const { alert } = parsed.data;
    if (parsed.data.node !== ctx.from.id || !alert.uid.startsWith(`${ctx.from.id}:`)) return 'skipped';
    const db = coordinationTrx(ctx.trx);
    const known = await db.selectFrom('alerts').select('id').where('uid', '=', alert.uid).executeTakeFirst();
    if (known) return 'skipped';
    // Addressed to this node alone: it stays here. Otherwise one hop less, as for signals.
    const stored = await insertAlertRow(ctx.trx, { uid: alert.uid, origin: ctx.from.id, alert: { ...alert, distribution: oneHopLess(alert.distribution) } }, { kind: 'received', from: ctx.from.id, raisedAt: alert.raisedAt, at: ctx.at, wire: ctx.wire });
    ctx.audit.push({ action: 'alert.received', subjectType: 'alert', subjectId: alert.uid, details: { kind: alert.kind, from: ctx.from.id } });
    await enqueueAlertDeliveries(ctx.trx, stored, ctx.at);
    return 'applied';
  },
};
