import type { KyselyContext } from '../../store/kysely/kysely-context.js';
import { coordinationDb } from '../alerts/coordination-tables.js';
import { matchConfidence, ruleApplies, ruleOutcome, type MatchFacts } from './action-rule.js';
import type { ActionRulesStore } from './action-rules-store.js';

/**
 * Turns a partner's matches into what its rules ask: a webhook delivery queued (sent by
 * the dispatcher), a review-queue entry, or a line in the action log. Written in one
 * transaction, and only when some rule applies, so matching stays free of writes otherwise.
 * Nothing about who asked for the match is kept beyond the partner the rule belongs to.
 */
export class MatchActions {
  constructor(
    private readonly ctx: KyselyContext,
    private readonly rules: ActionRulesStore,
  ) {}

  async onMatches(partner: string, matches: readonly MatchFacts[]): Promise<{ webhook: number; review: number; log: number }> {
    const counts = { webhook: 0, review: 0, log: 0 };
    if (matches.length === 0) return counts;
    const rules = (await this.rules.active()).filter((r) => r.partner === partner);
    const work = rules.flatMap((rule) => matches.filter((m) => ruleApplies(rule, m)).map((m) => ({ rule, m, outcome: ruleOutcome(rule, m) })));
    if (work.length === 0) return counts;
    await this.ctx.tx(async (trx) => {
      const db = coordinationDb(trx);
      const at = this.ctx.now();
      for (const { rule, m, outcome } of work) {
        counts[outcome] += 1;
        const confidence = matchConfidence(m.distance, m.threshold);
        const match = { signalUid: m.signalUid, type: m.type, label: m.label, distance: m.distance, confidence, incidentId: m.incidentId };
        if (outcome === 'review') {
          await db
            .insertInto('review_items')
            .values({ kind: 'match', rule_id: rule.id, partner, signal_uid: m.signalUid, cluster: null, candidate_type: null, candidate_value: null, distance: m.distance, confidence, details: JSON.stringify(match), status: 'pending', created_at: at, decided_at: null, decided_by_key: null, accepted_signal_id: null })
            .execute();
        } else {
          const body = JSON.stringify({ event: 'match', ruleId: rule.id, at, match });
          // 'log': kept in the same log as deliveries, done at once, never sent.
          await db
            .insertInto('action_deliveries')
            .values({ rule_id: rule.id, event: 'match', body, status: outcome === 'log' ? 'logged' : 'pending', attempts: 0, next_attempt_at: at, last_status: null, last_error: null, created_at: at, done_at: outcome === 'log' ? at : null })
            .execute();
        }
      }
    });
    return counts;
  }
}
