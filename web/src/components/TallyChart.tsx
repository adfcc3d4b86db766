import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Tally } from '../api/types';

/**
 * Matches per category as bars (uPlot, loaded only with this component). The same
 * numbers are in the table beside it, so the chart is an image with a text alternative.
 */
export default function TallyChart({ title, tallies }: { title: string; tallies: Tally[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current || tallies.length === 0) return;
    const xs = tallies.map((_, i) => i);
    const plot = new uPlot(
      {
        width: Math.min(720, box.current.clientWidth || 720),
        height: 220,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [-0.5, tallies.length - 0.5] } },
        axes: [{ values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? (tallies[s]?.key ?? '') : '')), size: 60 }, {}],
        series: [{}, { label: title, stroke: '#1d4ed8', fill: 'rgba(29,78,216,0.35)', paths: uPlot.paths.bars!({ size: [0.6, 80] }), points: { show: false } }],
      },
      [xs, tallies.map((x) => x.matches)],
      box.current,
    );
    return () => plot.destroy();
  }, [tallies, title]);
  return <div ref={box} role="img" aria-label={title} className="chart" />;
}
