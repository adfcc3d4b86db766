import type { ReportSection } from './report-section.js';
import { disputesSection } from './sections/disputes-section.js';
import { errorRateSection } from './sections/error-rate-section.js';
import { matchesSection } from './sections/matches-section.js';
import { signalsSection } from './sections/signals-section.js';

/**
 * The sections of the transparency report, in the order they print. Add a section by
 * writing one file in sections/ and one line here.
 */
export const REPORT_SECTIONS: readonly ReportSection<any>[] = [signalsSection, matchesSection, disputesSection, errorRateSection];
