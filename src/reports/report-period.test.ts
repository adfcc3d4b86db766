import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePeriod } from './report-period.js';
import { reportFormat } from './report-format.js';

const code = (fn: () => unknown, expected: string) =>
  assert.throws(fn, (err: { code?: string }) => {
    assert.equal(err.code, expected);
    return true;
  });

test('dates and times on the hour are UTC bounds; `to` is exclusive', () => {
  assert.deepEqual(parsePeriod('2026-11-01', '2026-12-01'), { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' });
  assert.deepEqual(parsePeriod('2026-11-01T13:00:00Z', '2026-11-01T14:00:00.000Z'), { from: '2026-11-01T13:00:00.000Z', to: '2026-11-01T14:00:00.000Z' });
  assert.deepEqual(parsePeriod('2024-01-01', '2025-01-01').to, '2025-01-01T00:00:00.000Z'); // 366 days, a leap year
});

test('bad dates, bounds inside an hour, inverted and too long periods get their codes', () => {
  for (const bad of ['', 'yesterday', '2026-02-30', '2026-13-01', '2026-11-01T13:30:00Z', '2026-11-01T13:00:00+02:00', '01/11/2026', '2026-11-01T25:00:00Z']) code(() => parsePeriod(bad, '2026-12-01'), 'REPORT_DATE_INVALID');
  code(() => parsePeriod('2026-12-01', '2026-11-01'), 'REPORT_PERIOD_INVERTED');
  code(() => parsePeriod('2026-11-01', '2026-11-01'), 'REPORT_PERIOD_INVERTED');
  code(() => parsePeriod('2025-01-01', '2026-01-03'), 'REPORT_PERIOD_TOO_LONG');
});

test('formats are json or html', () => {
  assert.equal(reportFormat('json'), 'json');
  assert.equal(reportFormat('HTML'), 'html');
  code(() => reportFormat('pdf'), 'REPORT_FORMAT_UNKNOWN');
});
