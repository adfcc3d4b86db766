import { referralStats, type DirectionStats } from '../../coordination/referrals/referral-stats.js';
import { maySeeReferral } from '../coordination-visibility.js';
import { durationsHtml, listHtml } from '../html/figures-html.js';
import { sectionHtml } from '../html/section-html.js';
import { namedSpread, type DurationFigure } from '../report-durations.js';
import type { ReportSection, ReportTable, SectionData } from '../report-section.js';
import { tableOf, type Fact } from '../report-table.js';
import { timeliness } from '../referral-timeliness.js';

type Direction = 'sent' | 'received';
type Measure = 'referrals' | 'removed' | 'disabled' | 'not_removed' | 'voided' | 'open' | 'on_time' | 'late';
type ScrutinyMeasure = 'copies' | 'requested' | 'infringement' | 'no_infringement' | 'pending';
type RemedyMeasure = 'complaints' | 'upheld' | 'rejected' | 'reinstatements';

export interface ReferralsData extends SectionData {
  readonly tables: readonly [ReportTable<'direction' | 'kind', Measure>, ReportTable<'direction' | 'reason', 'obstacles'>, ReportTable<'role', ScrutinyMeasure>, ReportTable<'direction', RemedyMeasure>];
  /** Times from receipt to decision and to removal, by direction (median and p95, nearest rank). */
  readonly durations: readonly (DurationFigure & { readonly direction: Direction })[];
  /** Removal orders not acted on, with the receiver's reason or the open obstacle (Art. 7(2)(d)). */
  readonly ordersNotActedOn: readonly { readonly direction: Direction; readonly referral: string; readonly why: 'not_removed' | 'obstacle'; readonly reason: string }[];
}

const DIRECTIONS: readonly [Direction, 'sender' | 'receiver'][] = [['sent', 'sender'], ['received', 'receiver']];

/**
 * Referrals, removal orders and threat-to-life notices: the figures of Art. 7, 8 and 21
 * of Regulation (EU) 2021/784 (TCO), from referralStats (src/coordination/referrals/),
 * for the referrals the viewer is a party to (coordination-visibility.ts). Referrals are
 * counted in the period they were sent in, with their outcome now; complaints and
 * reinstatements in the period they were recorded in.
 */
export const referralsSection: ReportSection<ReferralsData> = {
  name: 'referrals',
  title: 'Referrals and removal orders',
  async compute(ctx, period) {
    const visible = (r: { sender: string; receiver: string; scrutiny: string | null }) => maySeeReferral(r, ctx.viewer);
    const stats = await referralStats(ctx.db, period.from, period.to, visible);
    const rows = (await ctx.db.selectFrom('referrals').selectAll().where('sent_at', '>=', period.from).where('sent_at', '<', period.to).execute()).filter(visible);

    const facts: Fact<'direction' | 'kind', Measure>[] = [];
    const obstacles: Fact<'direction' | 'reason', 'obstacles'>[] = [];
    const scrutiny: Fact<'role', ScrutinyMeasure>[] = [];
    for (const [direction, role] of DIRECTIONS) {
      const d: DirectionStats = stats[direction];
      for (const [kind, n] of Object.entries(d.byKind)) if (n > 0) facts.push({ key: { direction, kind }, counts: { referrals: n, ...d.outcomes[kind] } });
      for (const r of rows) {
        if (r.role !== role) continue;
        const t = timeliness(r);
        if (t !== 'open') facts.push({ key: { direction, kind: r.kind }, counts: { [t]: 1 } });
      }
      for (const [reason, n] of Object.entries(d.obstaclesByReason)) obstacles.push({ key: { direction, reason }, counts: { obstacles: n } });
      if (d.scrutiny.requested > 0) scrutiny.push({ key: { role: direction }, counts: { requested: d.scrutiny.requested, infringement: d.scrutiny.infringement, no_infringement: d.scrutiny.noInfringement, pending: d.scrutiny.pending } });
    }
    const s = stats.scrutinised;
    if (s.copies > 0) {
      const pending = rows.filter((r) => r.role === 'scrutiny' && r.scrutiny_status === 'requested').length;
      scrutiny.push({ key: { role: 'authority' }, counts: { copies: s.copies, requested: s.requested, infringement: s.infringement, no_infringement: s.noInfringement, pending } });
    }
    const remedies: Fact<'direction', RemedyMeasure>[] = [];
    if (stats.complaints.total > 0 || stats.reinstatements > 0) {
      remedies.push({ key: { direction: 'received' }, counts: { complaints: stats.complaints.total, upheld: stats.complaints.upheld, rejected: stats.complaints.rejected, reinstatements: stats.reinstatements } });
    }
    return {
      tables: [
        tableOf({ name: 'referrals', title: 'Referrals by direction and kind, with outcomes and timeliness', dimensions: ['direction', 'kind'] as const, measures: ['referrals', 'removed', 'disabled', 'not_removed', 'voided', 'open', 'on_time', 'late'] as const }, facts),
        tableOf({ name: 'referralObstacles', title: 'Obstacles reported (Annex III)', dimensions: ['direction', 'reason'] as const, measures: ['obstacles'] as const }, obstacles),
        tableOf({ name: 'referralScrutiny', title: 'Scrutiny of removal orders (Art. 4)', dimensions: ['role'] as const, measures: ['copies', 'requested', 'infringement', 'no_infringement', 'pending'] as const }, scrutiny),
        tableOf({ name: 'referralRemedies', title: 'Complaints (Art. 10) and reinstatements', dimensions: ['direction'] as const, measures: ['complaints', 'upheld', 'rejected', 'reinstatements'] as const }, remedies),
      ],
      durations: DIRECTIONS.flatMap(([direction]) => [
        { direction, ...namedSpread(`${direction}: receipt to decision`, stats[direction].timeToDecision) },
        { direction, ...namedSpread(`${direction}: receipt to removal or disabling`, stats[direction].timeToRemoval) },
      ]),
      ordersNotActedOn: DIRECTIONS.flatMap(([direction]) => stats[direction].ordersNotActedOn.map((o) => ({ direction, ...o }))),
      notes: [
        'Counted: referrals sent in the period (by the sender\'s clock), sent by this node or received by it, with their state now. A partner\'s key counts only referrals it is a party to.',
        'Outcomes: removed, disabled (Annex II), not_removed (with a reason), voided (scrutiny found an infringement: the order no longer stands), open (no decision yet). They add up to referrals.',
        'on_time / late: the obligation met by its deadline (receipt + window + time paused by obstacles) or after it; for a removal order or referral the removal (or the decision not to remove), for a threat-to-life notice the acknowledgement. Neither: not met yet.',
        'Scrutiny: "sent" and "received" count requests for scrutiny on this node\'s orders; "authority" the copies this node held as the scrutiny authority and its findings, on request or on its own initiative.',
        'Complaints and reinstatements: recorded in the period by this node as the hosting side, with their decision only.',
      ],
    };
  },
  json: (data) => data,
  html: (data) =>
    [
      sectionHtml({ tables: data.tables, notes: [] }, { chart: { table: 'referrals', by: 'kind', measure: 'referrals' } }),
      durationsHtml('Time to act, from receipt', data.durations),
      listHtml('Removal orders not acted on', ['direction', 'referral', 'why', 'reason'], data.ordersNotActedOn.map((o) => [o.direction, o.referral, o.why, o.reason])),
      sectionHtml({ tables: [], notes: data.notes }),
    ].join('\n'),
};
