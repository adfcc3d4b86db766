import { SELF_VIEWER } from '../access/viewer.js';
import { ConcordError } from '../errors/concord-error.js';
import { openStore } from '../node/open-store.js';
import { reportHtml } from '../reports/html/report-html.js';
import { reportFormat } from '../reports/report-format.js';
import { parsePeriod } from '../reports/report-period.js';
import { inReportSnapshot } from '../reports/report-snapshot.js';
import { reportJson, transparencyReport } from '../reports/transparency-report.js';
import { isoNow, systemClock } from '../util/clock.js';
import type { CliIo } from './cli-io.js';
import { ExitCode } from './exit-codes.js';
import { nodeConfigFrom, type ServeOptions } from './serve-command.js';

/**
 * `concord report --from 2026-11-01 --to 2026-12-01 [--format json|html]`: the
 * transparency report, read from the node's store as the node itself sees it (everything
 * it holds), printed to stdout. The same report as GET /v1/reports/transparency with
 * one of the node's own keys.
 */
export async function reportCommand(io: CliIo, options: ServeOptions & { from: string; to: string; format: string }): Promise<ExitCode> {
  // Bad arguments fail before the store is opened.
  const format = reportFormat(options.format);
  const period = parsePeriod(options.from, options.to);
  const store = await openStore(nodeConfigFrom(options));
  try {
    const node = await store.getSetting('node.partner');
    if (!node) throw new ConcordError('NOT_FOUND', 'this database has no node identity yet: start the node once');
    const generatedAt = isoNow(systemClock);
    const report = await inReportSnapshot(store, (db) => transparencyReport({ db, viewer: SELF_VIEWER }, period, { node, generatedAt }));
    io.out(format === 'json' ? JSON.stringify(reportJson(report), null, 2) : reportHtml(report));
    return ExitCode.OK;
  } finally {
    await store.close();
  }
}
