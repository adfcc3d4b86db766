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

test('coordination sections: hostile incident titles, tiers, referral reasons and labels print as text; durations read as time', async () => {
  const { referralsSection } = await import('../sections/referrals-section.js');
  const { incidentsSection } = await import('../sections/incidents-section.js');
  const { monitorSection } = await import('../sections/monitor-section.js');
  const { formatDuration } = await import('./figures-html.js');
  const referrals = {
    tables: [
      tableOf({ name: 'referrals', title: 'Referrals', dimensions: ['direction', 'kind'] as const, measures: ['referrals', 'removed', 'on_time', 'late'] as const }, [{ key: { direction: 'received', kind: HOSTILE[0]! }, counts: { referrals: 2, removed: 1, on_time: 1, late: 0 } }]),
      tableOf({ name: 'referralObstacles', title: 'Obstacles', dimensions: ['direction', 'reason'] as const, measures: ['obstacles'] as const }, [{ key: { direction: 'received', reason: HOSTILE[1]! }, counts: { obstacles: 1 } }]),
    ],
    durations: [{ direction: 'received' as const, name: 'received: receipt to decision', count: 2, medianMs: 1_800_000, p95Ms: 4_980_000 }],
    ordersNotActedOn: [{ direction: 'received' as const, referral: 'r-1', why: 'not_removed' as const, reason: HOSTILE[2]! }],
    notes: [HOSTILE[4]!],
  };
  const incidents = {
    tables: [tableOf({ name: 'incidents', title: 'Incidents by tier', dimensions: ['tier'] as const, measures: ['declared', 'concluded', 'with_signals_shared', 'partners_matching'] as const }, [{ key: { tier: HOSTILE[3]! }, counts: { declared: 1, concluded: 0, with_signals_shared: 1, partners_matching: 2 } }])],
    durations: [{ name: 'declaration to first signal shared', count: 1, medianMs: 95_000, p95Ms: 95_000 }],
    incidents: [{ id: 'i-1', title: HOSTILE[0]!, tier: HOSTILE[3]!, declarer: HOSTILE[1]!, declaredAt: '2026-11-02T10:00:00.000Z', concludedAt: null, durationMs: null, declarationToFirstSignalMs: 95_000, firstMatches: [{ node: 'p-a', afterDeclarationMs: 300_000 }, { node: 'p-b', afterDeclarationMs: 600_000 }] }],
    notes: [],
  };
  const monitor = {
    tables: [tableOf({ name: 'monitorFinds', title: 'Finds by label', dimensions: ['label'] as const, measures: ['found', 'removed', 'removed_within_1d', 'removed_within_7d', 'online', 'removals'] as const }, [{ key: { label: HOSTILE[2]! }, counts: { found: 4, removed: 3, removed_within_1d: 1, removed_within_7d: 3, online: 1, removals: 3 } }])],
    durations: [{ name: 'first seen to removal', count: 3, medianMs: 7_200_000, p95Ms: 3 * 86_400_000 }],
    offlineAfter: [{ days: 1, share: 0.25 }, { days: 7, share: 0.75 }],
    notes: [],
  };
  const report: TransparencyReport = {
    period: { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' },
    node: 'p-self',
    generatedAt: '2026-12-01T00:00:00.000Z',
    countedFor: 'self',
    sections: [
      { section: referralsSection, data: referrals },
      { section: incidentsSection, data: incidents },
      { section: monitorSection, data: monitor },
    ],
  };
  const page = reportHtml(report);
  const rest = withoutEscaped(page);
  for (const needle of ['<script', 'onerror', 'onload', '<img', '<svg onload', '<style>*{display:none}']) assert.ok(!rest.includes(needle), `left unescaped: ${needle}`);
  assert.ok(!/<script/i.test(page));
  assert.equal((page.match(/<svg class="chart"/g) ?? []).length, 3, 'a chart per section');
  assert.match(page, /<td>received: receipt to decision<\/td><td class="n">2<\/td><td class="n">30 min<\/td><td class="n">83 min<\/td>/);
  assert.match(page, /<td class="n">25\.0%<\/td><td class="n">75\.0%<\/td>/, 'the share offline after 1 and 7 days');
  assert.match(page, /<td class="n">open<\/td><td class="n">95 s<\/td><td class="n">2<\/td><td class="n">5 min<\/td>/, 'an incident still open, its first signal and the median first match');
  assert.deepEqual([formatDuration(null), formatDuration(4_500), formatDuration(119_000), formatDuration(7_199_000), formatDuration(3 * 86_400_000 + 3_600_000)], ['–', '4.5 s', '119 s', '2 h 00 min', '3 d 1 h']);
});
