import type { ReportSection } from './report-section.js';
import { disputesSection } from './sections/disputes-section.js';
import { errorRateSection } from './sections/error-rate-section.js';
import { incidentsSection } from './sections/incidents-section.js';
import { matchesSection } from './sections/matches-section.js';
import { monitorSection } from './sections/monitor-section.js';
import { referralsSection } from './sections/referrals-section.js';
import { signalsSection } from './sections/signals-section.js';

/**
 * The sections of the transparency report, in the order they print. Add a section by
 * writing one file in sections/ and one line here.
 */
export const REPORT_SECTIONS: readonly ReportSection<any>[] = [
  signalsSection,
  matchesSection,
  disputesSection,
  errorRateSection,
  referralsSection,
  incidentsSection,
  monitorSection,
];
