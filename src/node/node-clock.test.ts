import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseNodeConfig } from '../config/node-config.js';
import { fixedClock } from '../util/clock.js';
import { sequentialIds } from '../util/id-generator.js';
import { createNode } from './concord-node.js';

test('a node built with a fixed clock and sequential ids stores their times and ids, through the API', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-clock-'));
  const clock = fixedClock('2030-03-04T05:06:07.000Z');
  const node = await createNode(parseNodeConfig({ dataDir, logLevel: 'silent', sync: false }), { logger: false, clock, ids: sequentialIds() });
  try {
    const admin = readFileSync(join(dataDir, 'admin.key'), 'utf8').trim();
    const call = async (method: 'GET' | 'POST', url: string, payload?: object) =>
      (await node.app.inject({ method, url, headers: { authorization: `Bearer ${admin}` }, ...(payload ? { payload } : {}) })).json();
    const bank = await call('POST', '/v1/banks', { name: 'clocked', description: '' });
    assert.equal(bank.createdAt, '2030-03-04T05:06:07.000Z');
    clock.set('2030-03-04T06:00:00.000Z');
    const [s] = (await call('POST', `/v1/banks/${bank.id}/signals`, { signals: [{ type: 'md5', value: 'e'.repeat(32), label: 'perpetrator_content', reason: 'clock test', distribution: 'local' }] })).signals;
    assert.equal(s.createdAt, '2030-03-04T06:00:00.000Z');
    assert.match(s.uid, /^00000000-0000-4000-8000-0000000000\d\d$/);
    const audit = await call('GET', `/v1/audit?subjectType=signal&subjectId=${s.id}`);
    assert.deepEqual(audit.entries.map((e: { at: string }) => e.at), ['2030-03-04T06:00:00.000Z']);
  } finally {
    await node.close();
  }
});
