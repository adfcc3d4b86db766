import { removalStats } from '../../monitor/removal-stats.js';
import { durationsHtml } from '../html/figures-html.js';
import { sectionHtml } from '../html/section-html.js';
import { findLabel, visibleFinds } from '../monitor-finds.js';
import type { DurationFigure } from '../report-durations.js';
import type { ReportSection, ReportTable, SectionData } from '../report-section.js';
import { tableOf, type Fact } from '../report-table.js';

const DAY = 86_400_000;

type Measure = 'found' | 'removed' | 'removed_within_1d' | 'removed_within_7d' | 'online' | 'removals';

export interface MonitorData extends SectionData {
  readonly tables: readonly [ReportTable<'label', Measure>];
  readonly durations: readonly DurationFigure[];
  /** Of the finds first seen in the period, the share gone within N days of being first seen. */
  readonly offlineAfter: readonly { readonly days: number; readonly share: number | null }[];
}

/**
 * What the monitor of public sources found in the period and how fast it went offline:
 * finds first seen in the period by label, those removed since (and within 1 and 7 days
 * of being first seen), and removals recorded in the period whenever first seen. The time
 * to removal is removalStats (src/monitor/removal-stats.ts) over the finds the viewer may
 * see (monitor-finds.ts).
 */
export const monitorSection: ReportSection<MonitorData> = {
  name: 'monitor',
  title: 'Monitor: known content found on public sources, and its removal',
  async compute(ctx, period) {
    const found = await visibleFinds(ctx, 'first_seen_at', period);
    const removedIn = await visibleFinds(ctx, 'removed_at', period);
    const facts: Fact<'label', Measure>[] = removedIn.map((f) => ({ key: { label: findLabel(f) }, counts: { removals: 1 } }));
    for (const f of found) {
      const after = f.removedAt === null ? null : Date.parse(f.removedAt) - Date.parse(f.firstSeenAt);
      facts.push({
        key: { label: findLabel(f) },
        counts: { found: 1, removed: after === null ? 0 : 1, removed_within_1d: after !== null && after <= DAY ? 1 : 0, removed_within_7d: after !== null && after <= 7 * DAY ? 1 : 0, online: after === null ? 1 : 0 },
      });
    }
    const table = tableOf({ name: 'monitorFinds', title: 'Finds by label', dimensions: ['label'] as const, measures: ['found', 'removed', 'removed_within_1d', 'removed_within_7d', 'online', 'removals'] as const }, facts);
    // removalStats reads finds through a port: give it the finds this viewer may see, from this report's snapshot.
    const stats = await removalStats({ findsFirstSeenBetween: async () => found }, period.from, period.to);
    const share = (n: number) => (table.totals.found === 0 ? null : n / table.totals.found);
    return {
      tables: [table],
      durations: [{ name: 'first seen to removal', count: stats.removed, medianMs: stats.medianMsToRemoval, p95Ms: stats.p95MsToRemoval }],
      offlineAfter: [
        { days: 1, share: share(table.totals.removed_within_1d) },
        { days: 7, share: share(table.totals.removed_within_7d) },
      ],
      notes: [
        'found: URLs where the monitor first saw known content in the period; removed: those of them gone since (the URL answers 404/410, or with other content); online: not gone yet. A find counts under the label of its closest matched signal.',
        'removed_within_1d / _7d: gone within 1 or 7 days of being first seen; the share offline after N days is that count over found. For finds first seen less than N days before the report was made, the share can still grow.',
        'removals: finds recorded as gone in the period, whenever first seen. A partner\'s key counts only finds of signals it may see.',
      ],
    };
  },
  json: (data) => data,
  html: (data) =>
    [
      sectionHtml(
        { tables: data.tables, notes: [] },
        {
          chart: { table: 'monitorFinds', by: 'label', measure: 'found' },
          derived: {
            monitorFinds: {
              headers: ['offline after 1 day', 'after 7 days'],
              cells: (c) => [percent(c.removed_within_1d!, c.found!), percent(c.removed_within_7d!, c.found!)],
            },
          },
        },
      ),
      durationsHtml('Time to removal', data.durations),
      sectionHtml({ tables: [], notes: data.notes }),
    ].join('\n'),
};

const percent = (n: number, of: number): string => (of === 0 ? '–' : `${((100 * n) / of).toFixed(1)}%`);
