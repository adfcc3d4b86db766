import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultRegistry } from './default-registry.js';
import { parseSignalList } from './signal-list.js';

const PDQ = 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22';
const registry = defaultRegistry();

test('parses CSV and JSON lines, normalising case and skipping blanks and comments', () => {
  const text = [
    '# known content',
    '',
    `PDQ,${PDQ.toUpperCase()},perpetrator_content`,
    `{"type": "md5", "value": "D35C785545392755E7E4164457657269"}`,
    `sha256, ${'a'.repeat(64)} `,
  ].join('\n');
  const { entries, errors } = parseSignalList(registry, text);
  assert.deepEqual(errors, []);
  assert.deepEqual(entries, [
    { line: 3, type: 'pdq', value: PDQ, label: 'perpetrator_content' },
    { line: 4, type: 'md5', value: 'd35c785545392755e7e4164457657269' },
    { line: 5, type: 'sha256', value: 'a'.repeat(64) },
  ]);
});

test('reports every bad line with its line number and a stable code', () => {
  const text = [
    `pdq,${PDQ.slice(1)}`,
    `tmk,${PDQ}`,
    `pdq,${PDQ},politics`,
    'just-one-field',
    '{"type": "pdq"',
    `{"type": "pdq", "value": "${PDQ}", "label": 7}`,
    `pdq,${PDQ.replace('f', 'g')}`,
    `pdq,${PDQ}`,
  ].join('\n');
  const { entries, errors } = parseSignalList(registry, text);
  assert.deepEqual(
    errors.map((e) => [e.line, e.code]),
    [
      [1, 'SIGNAL_VALUE_INVALID'],
      [2, 'SIGNAL_TYPE_UNKNOWN'],
      [3, 'LABEL_UNKNOWN'],
      [4, 'SIGNAL_LIST_LINE_INVALID'],
      [5, 'SIGNAL_LIST_LINE_INVALID'],
      [6, 'SIGNAL_LIST_LINE_INVALID'],
      [7, 'SIGNAL_VALUE_INVALID'],
    ],
  );
  assert.deepEqual(entries.map((e) => e.line), [8]);
  assert.match(errors[0]!.message, /64 hex characters, got 63/);
});
