import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ViewerReads } from '../../access/viewer-reads.js';
import { REPORT_CSP, reportHtml } from '../../reports/html/report-html.js';
import { reportFormat } from '../../reports/report-format.js';
import { parsePeriod } from '../../reports/report-period.js';
import { inReportSnapshot } from '../../reports/report-snapshot.js';
import { matchSeries, SERIES_BUCKETS } from '../../reports/match-series.js';
import { reportJson, transparencyReport, type ReportJson } from '../../reports/transparency-report.js';
import { isoNow, systemClock } from '../../util/clock.js';
import type { ApiDeps } from '../api-deps.js';
import { errorResponses } from '../api-schemas.js';

/** The transparency report, and matches over time (a dashboard's chart), computed from the store for the caller's view. */
export async function reportRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const reads = new ViewerReads(deps.store, deps.selfPartner);
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/reports/transparency',
    {
      schema: {
        summary: 'The transparency report for a period',
        description:
          'Signals added, retracted and disputed; matches; disputes upheld and overturned; the error rate per label with a 95% Wilson interval; referrals and removal orders (TCO Art. 7/8/21 figures); incidents with tiers, durations and measured timings; the monitor\'s finds and time to removal. `from` is inclusive, `to` exclusive: UTC dates or times on the hour, at most 366 days apart. ' +
          "Counted from the store, for the caller's view: this node's keys count everything the node holds, a partner's key only what it may see. `format=html` is a printable page with inline SVG charts (no script). See docs/reports.md.",
        tags: ['reports'],
        querystring: z.object({ from: z.string().max(40), to: z.string().max(40), format: z.string().max(20).default('json') }),
        response: {
          200: z.object({ period: z.object({ from: z.string(), to: z.string() }), node: z.string(), generatedAt: z.string(), countedFor: z.string(), sections: z.record(z.string(), z.unknown()) }).describe('JSON; or text/html with format=html'),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const format = reportFormat(request.query.format);
      const period = parsePeriod(request.query.from, request.query.to);
      const viewer = await reads.viewerOf(request);
      const generatedAt = isoNow(deps.clock ?? systemClock);
      const report = await inReportSnapshot(deps.store, (db) => transparencyReport({ db, viewer }, period, { node: deps.selfPartner, generatedAt }));
      if (format === 'json') return reportJson(report);
      // Its own policy, whatever the app sets for other pages: the report runs no script and loads nothing.
      const page = reportHtml(report);
      // A string is sent as it is (the 200 schema serialises JSON only); the cast only tells the type provider so.
      return reply.header('content-type', 'text/html; charset=utf-8').header('content-security-policy', REPORT_CSP).header('x-content-type-options', 'nosniff').send(page as unknown as ReportJson);
    },
  );

  const Line = z.object({ key: z.string(), matches: z.array(z.number()), total: z.number() });
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/stats/matches',
    {
      schema: {
        summary: 'Matches over time, per label and per signal type',
        description:
          'Matches at this node per hour (or per day), by the matched signal\'s label and by its type, from the hourly counts the transparency report reads. ' +
          '`from` (inclusive) and `to` (exclusive) as in the report; without them, the last 7 days up to the end of the current hour. Bucket i covers `from + i·bucket`; at most 744 buckets. ' +
          "Counts only signals the caller may see, by the report's rule.",
        tags: ['reports'],
        querystring: z.object({ from: z.string().max(40).optional(), to: z.string().max(40).optional(), bucket: z.enum(SERIES_BUCKETS as ['hour', 'day']).default('hour') }),
        response: {
          200: z.object({ period: z.object({ from: z.string(), to: z.string() }), bucket: z.enum(['hour', 'day']), buckets: z.array(z.string()), byLabel: z.array(Line), byType: z.array(Line) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const period = parsePeriod(q.from ?? defaultFrom(deps), q.to ?? defaultTo(deps));
      const viewer = await reads.viewerOf(request);
      const series = await inReportSnapshot(deps.store, (db) => matchSeries({ db, viewer }, period, q.bucket));
      return { ...series, buckets: [...series.buckets], byLabel: series.byLabel.map((l) => ({ ...l, matches: [...l.matches] })), byType: series.byType.map((l) => ({ ...l, matches: [...l.matches] })) };
    },
  );
}

const HOUR_MS = 3_600_000;
/** The end of the current UTC hour: the default `to` of a series, so its last bucket holds this hour's matches. */
const defaultTo = (deps: ApiDeps): string => new Date((Math.floor((deps.clock ?? systemClock).now() / HOUR_MS) + 1) * HOUR_MS).toISOString();
const defaultFrom = (deps: ApiDeps): string => new Date(Date.parse(defaultTo(deps)) - 7 * 24 * HOUR_MS).toISOString();
