import type { TransparencyReport } from '../transparency-report.js';
import { escapeHtml } from './html-escape.js';

/**
 * The Content-Security-Policy the HTML report is served with: no script, no fetch, no
 * frame, only its own inline style and inline images. The page is self-contained, so it
 * prints and archives as one file.
 */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;color:#111;margin:2rem auto;max-width:60rem;padding:0 1rem}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #999}
.meta{color:#444}table{border-collapse:collapse;margin:.8rem 0;width:100%}caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border:1px solid #bbb;padding:.2rem .45rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#eee}.n{text-align:right;font-variant-numeric:tabular-nums}tfoot td{font-weight:600;background:#f5f5f5}
.chart rect{fill:#35618f}.chart text{font:12px system-ui,sans-serif;fill:#111}.notes{color:#333;font-size:.92rem}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table,svg{break-inside:avoid}th{background:#eee!important;-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;

/** The report as one printable, self-contained HTML page (no script; charts are inline SVG). */
export function reportHtml(report: TransparencyReport): string {
  const title = `Transparency report ${report.period.from.slice(0, 10)} to ${report.period.to.slice(0, 10)}`;
  const sections = report.sections.map(({ section, data }) => `<section id="${escapeHtml(section.name)}"><h2>${escapeHtml(section.title)}</h2>\n${section.html(data)}</section>`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(title)}</h1>
<p class="meta">Node ${escapeHtml(report.node)} · period from ${escapeHtml(report.period.from)} (inclusive) to ${escapeHtml(report.period.to)} (exclusive) · generated ${escapeHtml(report.generatedAt)} · ${escapeHtml(report.countedFor === 'self' ? 'counts everything this node holds: its own signals and those received from partners' : `counts only what partner ${report.countedFor} may see`)}.
Every figure is computed from the node's store; none is typed in.</p>
${sections.join('\n')}
</body></html>
`;
}
