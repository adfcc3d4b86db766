import type { ReportTable, SectionData } from '../report-section.js';
import { escapeHtml } from './html-escape.js';
import { svgBarChart } from './svg-bar-chart.js';

/** How a section's HTML is drawn beyond its tables: a chart, and columns computed from a row's counts. */
export interface SectionHtmlOptions {
  /** A bar per value of `by` in table `table`, its length the sum of `measure`. */
  readonly chart?: { readonly table: string; readonly by: string; readonly measure: string };
  readonly derived?: Readonly<Record<string, DerivedColumns>>;
}

/** Columns a table shows beside its counts, computed from them (a rate, an interval). */
export interface DerivedColumns {
  readonly headers: readonly string[];
  cells(counts: Readonly<Record<string, number>>): readonly string[];
}

/**
 * A section's tables (each with a totals row), notes and optional bar chart, as an HTML
 * fragment. Every string from the data is escaped.
 */
export function sectionHtml(data: SectionData, options: SectionHtmlOptions = {}): string {
  const parts: string[] = [];
  for (const table of data.tables) {
    if (options.chart?.table === table.name) parts.push(svgBarChart(`${table.title}: ${options.chart.measure} by ${options.chart.by}`, barsOf(table, options.chart.by, options.chart.measure)));
    parts.push(tableHtml(table, options.derived?.[table.name]));
  }
  if (data.notes.length > 0) parts.push(`<ul class="notes">${data.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`);
  return parts.join('\n');
}

function barsOf(table: ReportTable, by: string, measure: string): { label: string; value: number }[] {
  const sums = new Map<string, number>();
  for (const row of table.rows) sums.set(row.key[by] ?? '', (sums.get(row.key[by] ?? '') ?? 0) + (row.counts[measure] ?? 0));
  return [...sums].map(([label, value]) => ({ label, value }));
}

function tableHtml(table: ReportTable, derived: DerivedColumns | undefined): string {
  const th = (t: string, cls = '') => `<th${cls ? ` class="${cls}"` : ''}>${escapeHtml(t)}</th>`;
  const td = (t: string, cls = '') => `<td${cls ? ` class="${cls}"` : ''}>${escapeHtml(t)}</td>`;
  const head = [...table.dimensions.map((d) => th(d)), ...table.measures.map((m) => th(m, 'n')), ...(derived?.headers ?? []).map((h) => th(h, 'n'))].join('');
  const body = table.rows.map((r) => `<tr>${[...table.dimensions.map((d) => td(r.key[d] ?? '')), ...table.measures.map((m) => td(String(r.counts[m]), 'n')), ...(derived?.cells(r.counts) ?? []).map((c) => td(c, 'n'))].join('')}</tr>`);
  const empty = table.rows.length === 0 ? `<tr><td colspan="${table.dimensions.length + table.measures.length + (derived?.headers.length ?? 0)}">nothing in this period</td></tr>` : '';
  const totals = `<tr class="totals">${table.dimensions.map((_, i) => td(i === 0 ? 'total' : '')).join('')}${table.measures.map((m) => td(String(table.totals[m]), 'n')).join('')}${(derived?.cells(table.totals) ?? []).map((c) => td(c, 'n')).join('')}</tr>`;
  return `<table><caption>${escapeHtml(table.title)}</caption><thead><tr>${head}</tr></thead><tbody>${body.join('')}${empty}</tbody><tfoot>${totals}</tfoot></table>`;
}
