import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseNodeConfig } from '../config/node-config.js';
import { createNode } from '../node/concord-node.js';
import { runCli } from './cli-fixtures.test-helper.js';
import { ExitCode } from './exit-codes.js';

test('`concord report` prints the same report as the API, as JSON or HTML, and refuses bad periods with their codes', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-report-'));
  const n = await createNode(parseNodeConfig({ dataDir, logLevel: 'silent' }), { logger: false, sync: false });
  const admin = readFileSync(join(dataDir, 'admin.key'), 'utf8').trim();
  const call = async (method: string, url: string, payload?: object) => (await n.app.inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${admin}` }, ...(payload ? { payload } : {}) })).json();
  const bank = await call('POST', '/v1/banks', { name: 'b' });
  await call('POST', `/v1/banks/${bank.id}/signals`, { signals: [{ type: 'md5', value: 'a'.repeat(32), label: 'perpetrator_content', reason: 'seen', distribution: 'local' }] });
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const api = await call('GET', `/v1/reports/transparency?from=${day(0)}&to=${day(1)}`);
  await n.close();

  const json = await runCli('report', '--data', dataDir, '--from', day(0), '--to', day(1));
  assert.equal(json.code, ExitCode.OK, json.err.join('\n'));
  const report = JSON.parse(json.out.join('\n'));
  assert.deepEqual(report.sections, api.sections);
  assert.equal(report.sections.signals.tables[0].totals.added, 1);

  const html = await runCli('report', '--data', dataDir, '--from', day(0), '--to', day(1), '--format', 'html');
  assert.equal(html.code, ExitCode.OK);
  assert.match(html.out.join('\n'), /^<!doctype html>[\s\S]*<svg class="chart"[\s\S]*<\/html>/);

  const inverted = await runCli('report', '--data', dataDir, '--from', day(1), '--to', day(0));
  assert.equal(inverted.code, ExitCode.USAGE);
  assert.match(inverted.err[0]!, /^REPORT_PERIOD_INVERTED: /);
  const format = await runCli('report', '--data', dataDir, '--from', day(0), '--to', day(1), '--format', 'pdf');
  assert.match(format.err[0]!, /^REPORT_FORMAT_UNKNOWN: /);
});
