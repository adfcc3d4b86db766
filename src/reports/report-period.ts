import { ConcordError } from '../errors/concord-error.js';

/** A report period: from `from` (inclusive) to `to` (exclusive), both ISO UTC times on the hour. */
export interface ReportPeriod {
  readonly from: string;
  readonly to: string;
}

/** A year and a leap day: longer reports are refused, so one request never scans the whole history. */
export const MAX_PERIOD_DAYS = 366;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
// On the hour only: matches are stored by hour (match_hours), so any other bound would split an hour.
const HOUR = /^(\d{4}-\d{2}-\d{2})T(\d{2})(?::00(?::00(?:\.0{1,3})?)?)?(?:Z|[+-]00:?00)$/;

function parseBound(name: string, text: string): number {
  const trimmed = text.trim();
  const hour = HOUR.exec(trimmed);
  const iso = DATE.test(trimmed) ? `${trimmed}T00:00:00.000Z` : hour ? `${hour[1]}T${hour[2]}:00:00.000Z` : undefined;
  const ms = iso === undefined ? Number.NaN : Date.parse(iso);
  // Date.parse accepts 2026-02-30 by rolling over; a bound must name the day it says.
  if (!Number.isFinite(ms) || new Date(ms).toISOString() !== iso) {
    throw new ConcordError('REPORT_DATE_INVALID', `${name} must be a UTC date (2026-11-01) or a UTC time on the hour (2026-11-01T13:00:00Z); got ${JSON.stringify(text.slice(0, 40))}`);
  }
  return ms;
}

/**
 * Validates a period as given on the command line or in a query string.
 *
 * @example
 *   parsePeriod('2026-11-01', '2026-12-01'); // { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' }
 *   parsePeriod('2026-12-01', '2026-11-01'); // throws REPORT_PERIOD_INVERTED
 */
export function parsePeriod(from: string, to: string): ReportPeriod {
  const start = parseBound('from', from);
  const end = parseBound('to', to);
  if (end <= start) throw new ConcordError('REPORT_PERIOD_INVERTED', `the period ends (${new Date(end).toISOString()}) at or before it starts (${new Date(start).toISOString()}); \`to\` is exclusive`);
  if (end - start > MAX_PERIOD_DAYS * 86_400_000) throw new ConcordError('REPORT_PERIOD_TOO_LONG', `the period is ${Math.ceil((end - start) / 86_400_000)} days long; at most ${MAX_PERIOD_DAYS}`);
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}
