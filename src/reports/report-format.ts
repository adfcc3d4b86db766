import { ConcordError } from '../errors/concord-error.js';

export const REPORT_FORMATS = ['json', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A format as given on the command line or in a query string, or REPORT_FORMAT_UNKNOWN. */
export function reportFormat(text: string): ReportFormat {
  const format = REPORT_FORMATS.find((f) => f === text.trim().toLowerCase());
  if (!format) throw new ConcordError('REPORT_FORMAT_UNKNOWN', `format must be json or html; got ${JSON.stringify(text.slice(0, 20))}`);
  return format;
}
