import { escapeHtml } from './html-escape.js';

/** One bar: its label (escaped here) and its value. */
export interface Bar {
  readonly label: string;
  readonly value: number;
}

const WIDTH = 640;
const BAR = 18;
const GAP = 6;
const LABEL_WIDTH = 220;
const VALUE_WIDTH = 70;

/**
 * A horizontal bar chart as inline SVG, rendered on the server so the printed page needs
 * no script. Bars keep the order given; the longest bar spans the plot width.
 *
 * @example
 *   svgBarChart('Matches by label', [{ label: 'perpetrator_content', value: 12 }]);
 */
export function svgBarChart(title: string, bars: readonly Bar[]): string {
  if (bars.length === 0) return '';
  const max = Math.max(1, ...bars.map((b) => b.value));
  const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = bars.length * (BAR + GAP) + GAP;
  const items = bars.map((b, i) => {
    const y = GAP + i * (BAR + GAP);
    const w = Math.round((plot * b.value) / max);
    const label = escapeHtml(b.label.length > 34 ? `${b.label.slice(0, 33)}…` : b.label);
    return (
      `<text x="${LABEL_WIDTH - 6}" y="${y + BAR - 5}" text-anchor="end">${label}</text>` +
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${w}" height="${BAR}"></rect>` +
      `<text x="${LABEL_WIDTH + w + 4}" y="${y + BAR - 5}">${b.value}</text>`
    );
  });
  return `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}"><title>${escapeHtml(title)}</title>${items.join('')}</svg>`;
}
