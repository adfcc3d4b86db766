import type { Viewer } from '../access/viewer.js';
import type { ReportContext, ReportSection, SectionData } from './report-section.js';
import type { ReportPeriod } from './report-period.js';
import { REPORT_SECTIONS } from './report-sections.js';

/** A computed report: the period, who it counts for, and each section's data. */
export interface TransparencyReport {
  readonly period: ReportPeriod;
  /** The node that made it, and when (from the injected clock). */
  readonly node: string;
  readonly generatedAt: string;
  /** Whose view it counts: `self` (everything this node holds) or a partner's id. */
  readonly countedFor: string;
  readonly sections: readonly { readonly section: ReportSection<any>; readonly data: SectionData }[];
}

/**
 * Computes every section for a period, as the viewer may see it.
 *
 * @example
 *   const report = await transparencyReport({ db: store.db, viewer: SELF_VIEWER }, parsePeriod('2026-11-01', '2026-12-01'), { node: 'p-self', generatedAt });
 *   reportJson(report);
 */
export async function transparencyReport(ctx: ReportContext, period: ReportPeriod, meta: { node: string; generatedAt: string }, sections: readonly ReportSection<any>[] = REPORT_SECTIONS): Promise<TransparencyReport> {
  const computed = [];
  // One after another: the SQLite store has one connection, and order keeps the output stable.
  for (const section of sections) computed.push({ section, data: await section.compute(ctx, period) });
  return { period, node: meta.node, generatedAt: meta.generatedAt, countedFor: countedFor(ctx.viewer), sections: computed };
}

export const countedFor = (viewer: Viewer): string => (viewer.kind === 'self' ? 'self' : viewer.partnerId);

/** The report as JSON. */
export interface ReportJson {
  readonly period: ReportPeriod;
  readonly node: string;
  readonly generatedAt: string;
  readonly countedFor: string;
  /** Each section under its stable name, as that section renders it. */
  readonly sections: Record<string, unknown>;
}

export function reportJson(report: TransparencyReport): ReportJson {
  return {
    period: report.period,
    node: report.node,
    generatedAt: report.generatedAt,
    countedFor: report.countedFor,
    sections: Object.fromEntries(report.sections.map(({ section, data }) => [section.name, section.json(data)])),
  };
}
