import type { Transaction } from 'kysely';
import type { Viewer } from '../../access/viewer.js';
import type { Database } from '../../store/database-schema.js';
import type { AlertRecord } from '../alerts/alert-record.js';
import { mayViewAlert } from '../alerts/alert-visibility.js';
import { coordinationTrx } from '../alerts/coordination-tables.js';

/**
 * Queues an alert for every webhook rule subscribed to alerts whose partner may see it
 * (the distribution rule holds for webhooks as for reads), in the alert's transaction:
 * an alert stored is an alert that will be delivered.
 */
export async function enqueueAlertDeliveries(trx: Transaction<Database>, alert: AlertRecord, at: string): Promise<number> {
  const db = coordinationTrx(trx);
  const rules = await db.selectFrom('action_rules').selectAll().where('on_alerts', '=', 1).where('action', '=', 'webhook').where('disabled_at', 'is', null).execute();
  if (rules.length === 0) return 0;
  const self = await db.selectFrom('node_settings').select('value').where('key', '=', 'node.partner').executeTakeFirst();
  let queued = 0;
  for (const rule of rules) {
    if (!(await mayView(db, alert, rule.partner, self?.value))) continue;
    const body = JSON.stringify({ event: 'alert', ruleId: rule.id, alert });
    await db.insertInto('action_deliveries').values({ rule_id: rule.id, event: 'alert', body, status: 'pending', attempts: 0, next_attempt_at: at, last_status: null, last_error: null, created_at: at, done_at: null }).execute();
    queued += 1;
  }
  return queued;
}

async function mayView(db: ReturnType<typeof coordinationTrx>, alert: AlertRecord, partner: string, selfId: string | undefined): Promise<boolean> {
  if (partner === selfId) return true;
  const p = await db.selectFrom('partners').select('sharing_groups').where('id', '=', partner).executeTakeFirst();
  const viewer: Viewer = { kind: 'partner-key', partnerId: partner, sharingGroups: p?.sharing_groups ? p.sharing_groups.split(',').filter(Boolean) : [] };
  return mayViewAlert(alert, viewer);
}
