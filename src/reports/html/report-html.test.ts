import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tableOf } from '../report-table.js';
import type { TransparencyReport } from '../transparency-report.js';
import { signalsSection } from '../sections/signals-section.js';
import { errorRateSection } from '../sections/error-rate-section.js';
import { escapeHtml } from './html-escape.js';
import { reportHtml } from './report-html.js';
import { svgBarChart } from './svg-bar-chart.js';

const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>", '</title><style>*{display:none}</style>', 'a&amp;b'];

/** The text of the page with every escaped hostile string taken out: what is left must hold no markup of theirs. */
function withoutEscaped(page: string): string {
  let rest = page;
  for (const h of HOSTILE) rest = rest.split(escapeHtml(h)).join('');
  return rest;
}

test('escapes the five characters that make markup, and drops control characters', () => {
  assert.equal(escapeHtml(`<a href="x" title='y'>&</a>\u0000\u0007`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
});

test('hostile labels, contributors and node names print as text in tables, charts and the heading', () => {
  const facts = HOSTILE.map((h, i) => ({ key: { label: h, type: `md5${h}`, contributor: h }, counts: { added: i + 1, retracted: 0, disputes: 1 } }));
  const signals = { tables: [tableOf({ name: 'signals', title: 'Signals by label, type and contributor', dimensions: ['label', 'type', 'contributor'] as const, measures: ['added', 'retracted', 'disputes'] as const }, facts)] as const, notes: [HOSTILE[0]!] };
  const errors = { tables: [tableOf({ name: 'errorRate', title: HOSTILE[1]!, dimensions: ['label'] as const, measures: ['signals', 'errors'] as const }, HOSTILE.map((h) => ({ key: { label: h }, counts: { signals: 4, errors: 1 } })))] as const, notes: [] };
  const report: TransparencyReport = {
    period: { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' },
    node: HOSTILE[3]!,
    generatedAt: '2026-12-01T00:00:00.000Z',
    countedFor: HOSTILE[2]!,
    sections: [
      { section: signalsSection, data: signals },
      { section: errorRateSection, data: errors },
    ],
  };
  const page = reportHtml(report);
  const rest = withoutEscaped(page);
  for (const needle of ['<script', 'onerror', 'onload', '<img', '<svg onload', '<style>*{display:none}', 'a&amp;b<']) assert.ok(!rest.includes(needle), `left unescaped: ${needle}`);
  assert.ok(page.includes(escapeHtml(HOSTILE[0]!)));
  // Self-contained and printable: no script, its own CSP, charts as inline SVG, totals rows.
  assert.ok(!/<script/i.test(page));
  assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:/);
  assert.match(page, /<svg class="chart"/);
  assert.match(page, /@media print/);
  assert.equal((page.match(/<tfoot>/g) ?? []).length, 2);
  assert.match(page, /<td class="n">25\.0%<\/td><td class="n">[\d.]+% – [\d.]+%<\/td>/);
});

test('a bar chart scales its longest bar to the plot and escapes its labels', () => {
  const svg = svgBarChart('t<', [{ label: '<b>', value: 10 }, { label: 'x', value: 5 }]);
  assert.match(svg, /width="350" height="18"/);
  assert.match(svg, /width="175" height="18"/);
  assert.ok(svg.includes('&lt;b&gt;') && !svg.includes('<b>'));
  assert.equal(svgBarChart('empty', []), '');
});
