import type { Clock } from '../../util/clock.js';
import type { AlertSink } from '../alert-sink.js';
import type { LeaderJob } from '../../node/leader/leader-jobs.js';
import { overdueClocks } from './referral-clock.js';
import type { KyselyReferrals } from './referral-store.js';

/**
 * Raises one alert per overdue clock of a referral: the obligation (decision, or the
 * acknowledgement of a threat-to-life notice) and the scrutiny decision. Both sides run
 * it on their own node, so each sees its overdue items. The key of each alert raised is
 * kept on the referral: a clock raises once, however often the check runs, even across
 * restarts (a clock moved by a pause and run out again raises anew: its due time differs).
 *
 *   const raised = await checkOverdueReferrals(store.referrals, sink, clock.now()); // 1
 */
export async function checkOverdueReferrals(referrals: KyselyReferrals, sink: AlertSink, now: number): Promise<number> {
  let raised = 0;
  for (const r of await referrals.list({ overdue: true, limit: 1000 }, now)) {
    const done = new Set<string>(r.alerted === null ? [] : (JSON.parse(r.alerted) as string[]));
    const keys = overdueClocks(r, now).map((clock) => ({ clock, due: clock === 'decision' ? r.due_at! : r.scrutiny_due_at!, key: `referral_overdue:${r.id}:${clock}:${clock === 'decision' ? r.due_at : r.scrutiny_due_at}` }));
    const fresh = keys.filter((k) => !done.has(k.key));
    for (const k of fresh) {
      const what = k.clock === 'scrutiny_decision' ? 'scrutiny decision' : r.kind === 'threat_to_life' ? 'acknowledgement' : 'decision';
      await sink.raise({
        kind: 'referral_overdue',
        severity: r.kind === 'referral' ? 'warning' : 'critical',
        title: `${r.kind.replace(/_/g, ' ')} ${r.id}: ${what} overdue since ${k.due}`,
        subject: { type: 'referral', id: r.id },
        dedupeKey: k.key,
        incidentId: r.incident_id,
        details: { referral: r.id, kind: r.kind, clock: k.clock, dueAt: k.due, role: r.role, sender: r.sender, receiver: r.receiver },
        distribution: 'local',
        audienceNode: null,
      });
      raised += 1;
    }
    if (fresh.length > 0) await referrals.markAlerted(r.id, [...done, ...fresh.map((k) => k.key)]);
  }
  return raised;
}

/** The leader job that runs the check every `everyMs`. */
export function referralOverdueJob(referrals: KyselyReferrals, sink: AlertSink, clock: Clock, everyMs: number, log: (fields: Record<string, unknown>, msg: string) => void): LeaderJob {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  return {
    name: 'referral-overdue',
    start: () => {
      timer = setInterval(() => {
        running = running.then(() => checkOverdueReferrals(referrals, sink, clock.now())).catch((err) => log({ err: (err as Error).message }, 'referral overdue check'));
      }, everyMs);
      timer.unref();
    },
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
