import type { KyselyContext } from '../../store/kysely/kysely-context.js';
import { coordinationDb } from '../alerts/coordination-tables.js';

/** One delivery (or logged action) with every attempt: when, the status code or error. */
export interface DeliveryRecord {
  readonly id: number;
  readonly ruleId: string;
  readonly event: string;
  readonly status: 'pending' | 'delivered' | 'dead' | 'logged';
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly doneAt: string | null;
  readonly body: Readonly<Record<string, unknown>>;
  readonly history: readonly { attempt: number; at: string; statusCode: number | null; error: string | null }[];
}

/** The delivery log, newest first: for operators to see what was sent, retried and dead-lettered. */
export async function listDeliveries(ctx: KyselyContext, q: { ruleId?: string; status?: string; limit: number }): Promise<DeliveryRecord[]> {
  return ctx.run(async () => {
    const db = coordinationDb(ctx.db);
    let query = db.selectFrom('action_deliveries').selectAll().orderBy('id', 'desc').limit(q.limit);
    if (q.ruleId) query = query.where('rule_id', '=', q.ruleId);
    if (q.status) query = query.where('status', '=', q.status);
    const rows = await query.execute();
    const ids = rows.map((r) => r.id);
    const attempts = ids.length === 0 ? [] : await db.selectFrom('action_attempts').selectAll().where('delivery_id', 'in', ids).orderBy('attempt').execute();
    return rows.map((r) => ({
      id: r.id,
      ruleId: r.rule_id,
      event: r.event,
      status: r.status as DeliveryRecord['status'],
      attempts: r.attempts,
      nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
      lastStatus: r.last_status,
      lastError: r.last_error,
      createdAt: r.created_at,
      doneAt: r.done_at,
      body: JSON.parse(r.body) as Record<string, unknown>,
      history: attempts.filter((a) => a.delivery_id === r.id).map((a) => ({ attempt: a.attempt, at: a.at, statusCode: a.status_code, error: a.error })),
    }));
  });
}
