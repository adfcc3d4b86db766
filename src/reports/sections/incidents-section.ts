import { debriefOf } from '../../coordination/incidents/incident-debrief.js';
import { toEntry, toIncident } from '../../coordination/incidents/incident-rows.js';
import { maySeeIncident } from '../../coordination/incidents/incident-visibility.js';
import type { IncidentRecord, TimelineEntry } from '../../coordination/incidents/incident-record.js';
import { durationsHtml, formatDuration, listHtml } from '../html/figures-html.js';
import { sectionHtml } from '../html/section-html.js';
import { durationOf, type DurationFigure } from '../report-durations.js';
import type { ReportPeriod } from '../report-period.js';
import type { ReportContext, ReportSection, ReportTable, SectionData } from '../report-section.js';
import { tableOf, type Fact } from '../report-table.js';

type Measure = 'declared' | 'concluded' | 'with_signals_shared' | 'partners_matching';

/** One incident declared in the period, with its measured timings (incident-debrief.ts). */
export interface IncidentLine {
  readonly id: string;
  readonly title: string;
  readonly tier: string;
  readonly declarer: string;
  readonly declaredAt: string;
  readonly concludedAt: string | null;
  readonly durationMs: number | null;
  readonly declarationToFirstSignalMs: number | null;
  /** Each partner's first match, from the declaration (ms), in partner order. */
  readonly firstMatches: readonly { readonly node: string; readonly afterDeclarationMs: number }[];
}

export interface IncidentsData extends SectionData {
  readonly tables: readonly [ReportTable<'tier', Measure>];
  readonly durations: readonly DurationFigure[];
  readonly incidents: readonly IncidentLine[];
}

const ms = (from: string, to: string | null) => (to === null ? null : Date.parse(to) - Date.parse(from));

async function visibleIncidents(ctx: ReportContext, column: 'declared_at' | 'concluded_at', period: ReportPeriod): Promise<IncidentRecord[]> {
  const rows = await ctx.db.selectFrom('incidents').selectAll().where(column, '>=', period.from).where(column, '<', period.to).orderBy('declared_at').orderBy('uid').execute();
  return rows.map(toIncident).filter((i) => maySeeIncident(i, ctx.viewer));
}

async function timelines(ctx: ReportContext, uids: readonly string[]): Promise<Map<string, TimelineEntry[]>> {
  const out = new Map<string, TimelineEntry[]>(uids.map((u) => [u, []]));
  for (let i = 0; i < uids.length; i += 500) {
    const rows = await ctx.db.selectFrom('incident_entries').selectAll().where('incident_uid', 'in', uids.slice(i, i + 500)).where('kind', 'in', ['signals_shared', 'first_match']).execute();
    for (const r of rows) out.get(r.incident_uid)!.push(toEntry(r));
  }
  return out;
}

/**
 * Incidents: declared and concluded in the period by tier, and for those declared in it
 * the timings the shared timeline measured (incident-debrief.ts): declaration → first
 * signal shared → first match at each partner, and the duration to conclusion. Counted
 * under the incident rule (incident-visibility.ts), as every read of incidents is.
 */
export const incidentsSection: ReportSection<IncidentsData> = {
  name: 'incidents',
  title: 'Incidents',
  async compute(ctx, period) {
    const declared = await visibleIncidents(ctx, 'declared_at', period);
    const concluded = await visibleIncidents(ctx, 'concluded_at', period);
    const entries = await timelines(ctx, declared.map((i) => i.id));
    const facts: Fact<'tier', Measure>[] = concluded.map((i) => ({ key: { tier: i.tier }, counts: { concluded: 1 } }));
    const lines: IncidentLine[] = [];
    for (const incident of declared) {
      const d = debriefOf(incident, entries.get(incident.id)!);
      facts.push({ key: { tier: incident.tier }, counts: { declared: 1, with_signals_shared: d.firstSignalSharedAt ? 1 : 0, partners_matching: d.firstMatches.length } });
      lines.push({
        id: incident.id,
        title: incident.title,
        tier: incident.tier,
        declarer: incident.declarer,
        declaredAt: incident.declaredAt,
        concludedAt: incident.concludedAt,
        durationMs: ms(incident.declaredAt, incident.concludedAt),
        declarationToFirstSignalMs: ms(incident.declaredAt, d.firstSignalSharedAt),
        firstMatches: d.firstMatches.map((m) => ({ node: m.node, afterDeclarationMs: ms(incident.declaredAt, m.at)! })),
      });
    }
    const numbers = (xs: readonly (number | null)[]) => xs.filter((x): x is number => x !== null);
    return {
      tables: [tableOf({ name: 'incidents', title: 'Incidents by tier', dimensions: ['tier'] as const, measures: ['declared', 'concluded', 'with_signals_shared', 'partners_matching'] as const }, facts)],
      durations: [
        durationOf('declaration to conclusion', numbers(lines.map((l) => l.durationMs))),
        durationOf('declaration to first signal shared', numbers(lines.map((l) => l.declarationToFirstSignalMs))),
        durationOf('declaration to first match, each partner', lines.flatMap((l) => l.firstMatches.map((m) => m.afterDeclarationMs))),
        durationOf('first signal shared to first match, each partner', lines.flatMap((l) => (l.declarationToFirstSignalMs === null ? [] : l.firstMatches.map((m) => m.afterDeclarationMs - l.declarationToFirstSignalMs!)))),
      ],
      incidents: lines,
      notes: [
        'declared: incidents declared in the period (by the declarer\'s clock); concluded: incidents concluded in the period, whenever declared. A partner\'s key counts only incidents it may see.',
        'with_signals_shared and partners_matching, for the incidents declared in the period: whether any partner shared a signal under it, and how many partners reported a first match (each partner once), from the shared timeline.',
        'Timings are measured by each node on its own clock and carried on the signed timeline; medians and 95th percentiles by nearest rank. Incidents still open have no duration yet.',
      ],
    };
  },
  json: (data) => data,
  html: (data) =>
    [
      sectionHtml({ tables: data.tables, notes: [] }, { chart: { table: 'incidents', by: 'tier', measure: 'declared' } }),
      durationsHtml('Measured timings of the incidents declared in the period', data.durations),
      listHtml(
        'Incidents declared in the period',
        ['incident', 'tier', 'declarer', 'declared', 'duration', 'to first signal', 'partners matching', 'median to first match'],
        data.incidents.map((l) => {
          const firsts = l.firstMatches.map((m) => m.afterDeclarationMs).sort((a, b) => a - b);
          return [l.title, l.tier, l.declarer, l.declaredAt, l.durationMs === null ? 'open' : formatDuration(l.durationMs), formatDuration(l.declarationToFirstSignalMs), String(firsts.length), formatDuration(firsts.length ? firsts[Math.ceil(firsts.length / 2) - 1]! : null)];
        }),
        new Set([4, 5, 6, 7]),
      ),
      sectionHtml({ tables: [], notes: data.notes }),
    ].join('\n'),
};
