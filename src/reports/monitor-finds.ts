import type { Selectable } from 'kysely';
import type { Find, FindSignal } from '../monitor/find.js';
import type { Database } from '../store/database-schema.js';
import type { ReportContext } from './report-section.js';
import type { ReportPeriod } from './report-period.js';
import { confirmedColumn, visibleTo, type VisibilityColumns } from './report-visibility.js';

/** A monitor find as the report's viewer may see it: only the matched signals it may see. */
export type VisibleFind = Find;

const toFind = (r: Selectable<Database['monitor_finds']>): Find => ({
  id: Number(r.id),
  sourceId: Number(r.source_id),
  url: r.url,
  signals: JSON.parse(r.signals) as FindSignal[],
  contentSha256: r.content_sha256,
  firstSeenAt: r.first_seen_at,
  lastSeenAt: r.last_seen_at,
  removedAt: r.removed_at,
  removal: r.removal as Find['removal'],
  nextCheckAt: r.next_check_at,
  incidentId: null,
});

/**
 * Finds of the monitor whose `column` lies in the period, as `GET /v1/finds` shows them to
 * the viewer (monitor-routes.ts): the node's own keys see every find; a partner's key sees
 * a find through the matched signals it may see, and not at all when it may see none.
 */
export async function visibleFinds(ctx: ReportContext, column: 'first_seen_at' | 'removed_at', period: ReportPeriod): Promise<VisibleFind[]> {
  const finds = (await ctx.db.selectFrom('monitor_finds').selectAll().where(column, '>=', period.from).where(column, '<', period.to).orderBy('id').execute()).map(toFind);
  if (ctx.viewer.kind === 'self') return finds;
  const ids = [...new Set(finds.flatMap((f) => f.signals.map((s) => s.signalId)))];
  const visible = new Set<number>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await ctx.db
      .selectFrom('signals as s')
      .select(['s.id', 's.distribution', 's.contributor', 's.received_from', confirmedColumn.as('confirmed')])
      .where('s.id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) if (visibleTo(ctx.viewer, r as VisibilityColumns)) visible.add(Number(r.id));
  }
  return finds.map((f) => ({ ...f, signals: f.signals.filter((s) => visible.has(s.signalId)) })).filter((f) => f.signals.length > 0);
}

/** The label a find counts under: that of its closest matched signal (the first of equals). */
export function findLabel(find: Pick<Find, 'signals'>): string {
  let best = find.signals[0]!;
  for (const s of find.signals) if (s.distance < best.distance) best = s;
  return best.label;
}
