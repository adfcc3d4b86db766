import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { seriesColour } from './series-colours';

/** A line: its caption (already translated) and one value per point in time. */
export interface Line {
  readonly key: string;
  readonly values: readonly number[];
}

/**
 * Counts over time, one line per category (uPlot, loaded only with this component: import
 * it lazily). uPlot's own legend is off: the caller shows the lines' names and totals as a
 * table, the chart's text alternative, with the same colours (series-colours.ts).
 */
export default function SeriesChart({ title, times, lines }: { title: string; times: readonly string[]; lines: readonly Line[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current || times.length === 0) return;
    const xs = times.map((t) => Date.parse(t) / 1000);
    const plot = new uPlot(
      {
        width: Math.min(720, box.current.clientWidth || 720),
        height: 240,
        legend: { show: false },
        cursor: { show: false },
        scales: { y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        series: [{}, ...lines.map((l, i) => ({ label: l.key, stroke: seriesColour(i), width: 2, points: { show: false } }))],
      },
      [xs, ...lines.map((l) => [...l.values])],
      box.current,
    );
    return () => plot.destroy();
  }, [times, lines, title]);
  return <div ref={box} role="img" aria-label={title} className="chart" />;
}
