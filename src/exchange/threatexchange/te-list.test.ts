import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { run } from '../../cli/main.js';
import { parseNodeConfig } from '../../config/node-config.js';
import { createNode } from '../../node/concord-node.js';
import { withNodeStore } from '../../cli/cli-store.js';
import { defaultRegistry } from '../../signals/default-registry.js';
import { readTeCsv, writeTeCsv } from './te-csv.js';
import { readTeJson, writeTeJson } from './te-json.js';
import { validateEntry, type HashListEntry } from './te-list.js';

const registry = defaultRegistry();
const ENTRIES: HashListEntry[] = [
  { signal_type: 'pdq', signal_str: 'f'.repeat(64), tags: ['perpetrator_content'], deleted: false },
  { signal_type: 'url', signal_str: 'https://example.org/a,b"c', tags: ['instruction_for_violence', 'incident_7'], deleted: false },
  { signal_type: 'md5', signal_str: 'd41d8cd98f00b204e9800998ecf8427e', tags: ['glorification_of_attack'], deleted: true },
];

test('CSV and JSON lines round-trip, quoting commas and quotes', () => {
  const csv = writeTeCsv(ENTRIES);
  assert.equal(csv.split('\n')[0], 'signal_type,signal_str,tags,deleted');
  assert.deepEqual(readTeCsv(csv).map((l) => ('entry' in l ? l.entry : l)), ENTRIES);
  assert.deepEqual(readTeJson(writeTeJson(ENTRIES)).map((l) => ('entry' in l ? l.entry : l)), ENTRIES);
});

test('bad lines are reported with their numbers and codes; the others are read', () => {
  const csv = ['signal_type,signal_value,tags,deleted', 'md5,d41d8cd98f00b204e9800998ecf8427e,perpetrator_content,false', 'md5,"open', 'md5,x,y,maybe', 'md5,zz,perpetrator_content,', 'pdq,' + 'f'.repeat(64) + ',incident_7,', 'video_md5,D41D8CD98F00B204E9800998ECF8427E,perpetrator_content,0'].join('\n');
  const lines = readTeCsv(csv);
  const bad = lines.filter((l) => !('entry' in l)).map((l) => [l.line, 'code' in l ? l.code : '']);
  assert.deepEqual(bad, [[3, 'SIGNAL_LIST_LINE_INVALID'], [4, 'SIGNAL_LIST_LINE_INVALID']]);
  const validated = lines.filter((l) => 'entry' in l).map((l) => ('entry' in l ? [l.line, validateEntry(registry, l.entry)] : []));
  assert.deepEqual(validated.map(([line, r]) => [line, (r as { ok: boolean; code?: string }).ok ? 'ok' : (r as { code: string }).code]), [
    [2, 'ok'],
    [5, 'SIGNAL_VALUE_INVALID'],
    [6, 'LABEL_MISSING'],
    [7, 'ok'],
  ]);
  const json = readTeJson('{"signal_type":"md5"}\nnot json\n{"signal_type":"md5","signal_str":"d41d8cd98f00b204e9800998ecf8427e","tags":"perpetrator_content extra"}');
  assert.deepEqual(json.map((l) => ('entry' in l ? 'ok' : `${l.line}:${l.code}`)), ['1:SIGNAL_LIST_LINE_INVALID', '2:SIGNAL_LIST_LINE_INVALID', 'ok']);
  assert.ok(!validateEntry(registry, { signal_type: 'md5', signal_str: 'd41d8cd98f00b204e9800998ecf8427e', tags: ['perpetrator_content', 'perpetrator_manifesto'], deleted: false }).ok);
});

test('concord bank import and export: bad lines named, good ones added once, local never exported', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-te-'));
  await (await createNode(parseNodeConfig({ dataDir, logLevel: 'silent' }), { logger: false })).close();
  const list = join(dataDir, 'list.csv');
  writeFileSync(list, ['signal_type,signal_str,tags,deleted', `md5,${'a'.repeat(32)},perpetrator_content,false`, `md5,${'b'.repeat(32)},,false`, 'md5,nothex,perpetrator_content,false', `md5,${'c'.repeat(32)},perpetrator_content,true`].join('\n'));
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l), stderrIsTty: false } };
  };
  const args = (cmd: string, ...rest: string[]) => ['node', 'concord', 'bank', cmd, '--data', dataDir, '--bank', 'imported', ...rest];
  const first = io();
  assert.equal(await run(args('import', '--file', list, '--reason', 'incident 7 list', '--label', 'glorification_of_attack', '--distribution', 'partners'), first.io), 1);
  assert.equal(first.err.length, 1);
  assert.match(first.err[0]!, /^line 4: SIGNAL_VALUE_INVALID: /);
  assert.match(first.out[0]!, /created bank "imported"; 2 added, 0 already present, 1 deleted entries skipped, 1 bad lines/);
  const second = io();
  await run(args('import', '--file', list, '--reason', 'incident 7 list', '--label', 'glorification_of_attack'), second.io);
  assert.match(second.out[0]!, /^0 added, 2 already present/);

  const localList = join(dataDir, 'local.jsonl');
  writeFileSync(localList, `{"signal_type":"md5","signal_str":"${'d'.repeat(32)}","tags":["perpetrator_content"]}\n`);
  assert.equal(await run(args('import', '--file', localList, '--format', 'te-json', '--reason', 'our own finding'), io().io), 0);
  const out = join(dataDir, 'out.jsonl');
  assert.equal(await run(args('export', '--format', 'te-json', '--out', out), io().io), 0);
  assert.deepEqual(readTeJson(readFileSync(out, 'utf8')).filter((l) => 'entry' in l), [], 'imported signals are unconfirmed: nothing leaves yet');
  // Four eyes: a reviewer key other than the importer's confirms them.
  await withNodeStore({ data: dataDir }, async (store, self) => {
    await store.createApiKey({ id: 'k-review', partnerId: self.partner, keyHash: 'h-review', roles: ['reviewer'], purpose: 'review desk' }, self);
    for (const row of await store.scanIndexRows(0, 100)) await store.addOpinion(row.id, { opinion: 'confirmed', reason: 'reviewed' }, { partner: self.partner, keyId: 'k-review' }, 2);
  });
  assert.equal(await run(args('export', '--format', 'te-json', '--out', out), io().io), 0);
  const exported = readTeJson(readFileSync(out, 'utf8')).map((l) => ('entry' in l ? l.entry : undefined));
  assert.deepEqual(exported.map((e) => [e!.signal_str, e!.tags]), [
    ['a'.repeat(32), ['perpetrator_content']],
    ['b'.repeat(32), ['glorification_of_attack']],
  ]);
});
