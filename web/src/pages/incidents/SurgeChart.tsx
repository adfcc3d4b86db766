import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Surge } from './surge-buckets';

const COLOURS = ['#1d4ed8', '#b45309', '#15803d', '#7c3aed', '#be123c', '#0e7490'];

/**
 * Matches per hour per partner node as lines (uPlot, loaded only with this component). The
 * same numbers are in the table beside it, so the chart is an image with a text alternative.
 */
export default function SurgeChart({ title, surge }: { title: string; surge: Surge }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current || surge.hours.length === 0) return;
    const plot = new uPlot(
      {
        width: Math.min(720, box.current.clientWidth || 720),
        height: 240,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        series: [{}, ...surge.byNode.map((s, i) => ({ label: s.node, stroke: COLOURS[i % COLOURS.length], width: 2, points: { show: true } }))],
      },
      [surge.hours.map((h) => h / 1000), ...surge.byNode.map((s) => s.counts)],
      box.current,
    );
    return () => plot.destroy();
  }, [surge]);
  return (
    <>
      <div ref={box} role="img" aria-label={title} className="chart" />
      <ul className="legend" aria-hidden="true">
        {surge.byNode.map((s, i) => (
          <li key={s.node}>
            <span className={`swatch swatch-${i % COLOURS.length}`} /> {s.node}
          </li>
        ))}
      </ul>
    </>
  );
}
