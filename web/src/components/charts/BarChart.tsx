import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** A bar: its caption (already translated) and its value. */
export interface Bar {
  readonly key: string;
  readonly value: number;
}

/**
 * Counts per category as bars (uPlot, loaded only with this component: import it lazily).
 * The same numbers are in a table beside it, so the chart is an image with a text alternative.
 */
export default function BarChart({ title, bars }: { title: string; bars: readonly Bar[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current || bars.length === 0) return;
    const xs = bars.map((_, i) => i);
    const plot = new uPlot(
      {
        width: Math.min(720, box.current.clientWidth || 720),
        height: 220,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [-0.5, bars.length - 0.5] } },
        axes: [{ values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? (bars[s]?.key ?? '') : '')), size: 60 }, {}],
        series: [{}, { label: title, stroke: '#1d4ed8', fill: 'rgba(29,78,216,0.35)', paths: uPlot.paths.bars!({ size: [0.6, 80] }), points: { show: false } }],
      },
      [xs, bars.map((x) => x.value)],
      box.current,
    );
    return () => plot.destroy();
  }, [bars, title]);
  return <div ref={box} role="img" aria-label={title} className="chart" />;
}
