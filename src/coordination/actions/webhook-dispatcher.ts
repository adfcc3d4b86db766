import type { KyselyContext } from '../../store/kysely/kysely-context.js';
import type { HttpClient } from '../../exchange/outbound/outbound-http.js';
import { errorSummary } from '../../exchange/outbound/outbound-http.js';
import { coordinationDb } from '../alerts/coordination-tables.js';
import type { ActionRulesStore } from './action-rules-store.js';
import { WEBHOOK_HEADERS, webhookSignature } from './webhook-signature.js';

export interface DispatchOptions {
  /** Attempts before a delivery is dead-lettered. */
  readonly maxAttempts: number;
  /** Wait after the first failure; doubled after each further one. */
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  readonly timeoutMs: number;
  readonly nodeId: string;
}

/** Exponential backoff: backoffMs, 2×, 4×, … capped at maxBackoffMs. */
export const backoffAfter = (attempts: number, o: Pick<DispatchOptions, 'backoffMs' | 'maxBackoffMs'>): number => Math.min(o.maxBackoffMs, o.backoffMs * 2 ** Math.max(0, attempts - 1));

/**
 * Sends queued webhook deliveries that are due on the injected clock, one POST each,
 * signed per rule (webhook-signature.ts). A 2xx answer delivers it; anything else (an
 * error status, a refused address, a timeout) is an attempt logged with its status code
 * or error, retried after an exponential backoff, and dead-lettered after maxAttempts.
 * Runs in the leader process only, so a delivery is never sent twice at once.
 */
export class WebhookDispatcher {
  constructor(
    private readonly ctx: KyselyContext,
    private readonly rules: ActionRulesStore,
    private readonly http: HttpClient,
    private readonly options: DispatchOptions,
  ) {}

  /** Attempts every delivery due now; returns how many were attempted. */
  async runDue(limit = 50): Promise<number> {
    const db = coordinationDb(this.ctx.db);
    const due = await this.ctx.run(() => db.selectFrom('action_deliveries').selectAll().where('status', '=', 'pending').where('next_attempt_at', '<=', this.ctx.now()).orderBy('id').limit(limit).execute());
    for (const d of due) await this.attempt(d.id, d.rule_id, d.event, d.body, d.attempts);
    return due.length;
  }

  private async attempt(id: number, ruleId: string, event: string, body: string, attempts: number): Promise<void> {
    const rule = await this.rules.secretOf(ruleId);
    const at = this.ctx.now();
    const timestamp = Math.floor(this.ctx.clock.now() / 1000);
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      if (!rule?.url || !rule.secret) throw new Error('the rule has no webhook URL');
      const res = await this.http(rule.url, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          [WEBHOOK_HEADERS.event]: event,
          [WEBHOOK_HEADERS.delivery]: String(id),
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: webhookSignature(rule.secret, timestamp, body),
          [WEBHOOK_HEADERS.node]: this.options.nodeId,
        },
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      statusCode = res.status;
      await res.body?.cancel().catch(() => undefined); // the answer's body is never read or kept
      if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
    } catch (err) {
      error = errorSummary((err as Error).message);
    }
    const n = attempts + 1;
    const status = error === null ? 'delivered' : n >= this.options.maxAttempts ? 'dead' : 'pending';
    const next = new Date(this.ctx.clock.now() + backoffAfter(n, this.options)).toISOString();
    await this.ctx.tx(async (trx) => {
      const t = coordinationDb(trx);
      await t.insertInto('action_attempts').values({ delivery_id: id, attempt: n, at, status_code: statusCode, error }).execute();
      await t
        .updateTable('action_deliveries')
        .set({ status, attempts: n, last_status: statusCode, last_error: error, next_attempt_at: status === 'pending' ? next : at, done_at: status === 'pending' ? null : at })
        .where('id', '=', id)
        .execute();
    });
  }
}
