import type { DurationFigure } from '../report-durations.js';
import { escapeHtml } from './html-escape.js';

/**
 * A duration as a reader takes it in: seconds under two minutes, then minutes, hours and
 * days (exact milliseconds stay in the JSON).
 *
 * @example
 *   formatDuration(4_980_000); // '83 min'; 9_000_000 → '2 h 30 min'
 */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  const s = ms / 1000;
  if (s < 120) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const min = Math.round(s / 60);
  if (min < 120) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ${String(min % 60).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** A table of durations: what is measured, over how many, median and 95th percentile. */
export function durationsHtml(title: string, figures: readonly DurationFigure[]): string {
  const rows = figures.map((f) => `<tr><td>${escapeHtml(f.name)}</td><td class="n">${f.count}</td><td class="n">${escapeHtml(formatDuration(f.medianMs))}</td><td class="n">${escapeHtml(formatDuration(f.p95Ms))}</td></tr>`);
  return `<table><caption>${escapeHtml(title)}</caption><thead><tr><th>measured</th><th class="n">count</th><th class="n">median</th><th class="n">95th percentile</th></tr></thead><tbody>${rows.join('') || '<tr><td colspan="4">nothing in this period</td></tr>'}</tbody></table>`;
}

/** A plain list as a table (orders not acted on, incidents one by one); every cell escaped. */
export function listHtml(title: string, headers: readonly string[], rows: readonly (readonly string[])[], numeric: ReadonlySet<number> = new Set()): string {
  const cls = (i: number) => (numeric.has(i) ? ' class="n"' : '');
  const head = headers.map((h, i) => `<th${cls(i)}>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${escapeHtml(c)}</td>`).join('')}</tr>`).join('');
  return `<table><caption>${escapeHtml(title)}</caption><thead><tr>${head}</tr></thead><tbody>${body || `<tr><td colspan="${headers.length}">none in this period</td></tr>`}</tbody></table>`;
}
