import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultRegistry } from '../../signals/default-registry.js';
import { signalToStix } from './stix-export.js';
import { indicatorId, uuidv5 } from './stix-ids.js';
import { stixToSignal } from './stix-import.js';
import { parsePattern, patternFor } from './stix-pattern.js';
import { TLP_MARKINGS } from './stix-tlp.js';
import { SAMPLE_VALUES, sampleRecord } from './stix-samples.test-helper.js';

const registry = defaultRegistry();

test('uuidv5 matches the RFC 4122 example (www.example.com in the DNS namespace)', () => {
  assert.equal(uuidv5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
});

test('every registered signal type has sample values here', () => {
  assert.deepEqual(registry.names().filter((n) => !SAMPLE_VALUES[n]), []);
});

for (const type of registry.all()) {
  test(`${type.name}: a signal survives STIX and back, with the same id on every export`, () => {
    for (const raw of SAMPLE_VALUES[type.name]!().values.slice(0, 3)) {
      const valid = type.validate(raw);
      assert.ok(valid.ok, raw);
      const record = sampleRecord({ type: type.name, value: valid.value });
      const [indicator] = signalToStix(record, 'node-1');
      assert.equal(indicator!.id, indicatorId('node-1', record.id));
      assert.deepEqual(signalToStix(record, 'node-1'), signalToStix(record, 'node-1'));
      const back = stixToSignal(registry, JSON.parse(JSON.stringify(indicator)));
      assert.ok(back.ok, back.ok ? '' : back.message);
      assert.equal(back.value.type, type.name);
      assert.equal(back.value.value, valid.value);
      assert.equal(back.value.label, record.label);
      assert.equal(back.value.reason, record.reason);
      assert.equal(back.value.sharedAs, 'partners');
      assert.equal(back.value.revoked, false);
      // The pattern alone says the same, for consumers that ignore custom properties.
      assert.deepEqual(parsePattern(indicator!.pattern as string), { type: type.name, value: valid.value });
    }
  });
}

test('custom properties follow the STIX naming rule: x_ prefix, lowercase, 3 to 250 characters', () => {
  const [indicator] = signalToStix(sampleRecord({ type: 'pdq', value: 'f'.repeat(64) }), 'node-1');
  const custom = Object.keys(indicator!).filter((k) => k.startsWith('x_'));
  assert.ok(custom.includes('x_concord_signal_type') && custom.includes('x_concord_label'));
  for (const k of custom) assert.match(k, /^x_[a-z0-9_]{1,248}$/);
});

test('standard patterns for md5, sha256, url, url prefixes and domains, with their observables', () => {
  assert.equal(patternFor('md5', 'd41d8cd98f00b204e9800998ecf8427e'), "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']");
  assert.equal(patternFor('sha256', 'ab'.repeat(32)), `[file:hashes.'SHA-256' = '${'ab'.repeat(32)}']`);
  assert.equal(patternFor('url', "https://example.org/it's"), "[url:value = 'https://example.org/it\\'s']");
  assert.equal(patternFor('url', 'https://files.example.org/drop/*'), "[url:value LIKE 'https://files.example.org/drop/%']");
  assert.equal(patternFor('domain', 'example.org'), "[domain-name:value = 'example.org' OR domain-name:value LIKE '%.example.org']");
  assert.deepEqual(parsePattern("[url:value = 'https://example.org/it\\'s']"), { type: 'url', value: "https://example.org/it's" });
  const [, file] = signalToStix(sampleRecord({ type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' }), 'node-1');
  assert.equal(file!.type, 'file');
  assert.match(file!.id, /^file--[0-9a-f-]{36}$/);
  assert.deepEqual(file!.hashes, { MD5: 'd41d8cd98f00b204e9800998ecf8427e' });
  const [, url] = signalToStix(sampleRecord({ type: 'url', value: 'https://example.org/a' }), 'node-1');
  assert.equal(url!.type, 'url');
  assert.equal(signalToStix(sampleRecord({ type: 'pdq', value: 'f'.repeat(64) }), 'node-1').length, 1);
});

test('a retracted signal is a revoked Indicator with no observable', () => {
  const objects = signalToStix(sampleRecord({ type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e', status: 'retracted' }), 'node-1');
  assert.equal(objects.length, 1);
  assert.equal(objects[0]!.revoked, true);
  const back = stixToSignal(registry, objects[0]);
  assert.ok(back.ok && back.value.revoked);
});

test('TLP 2.0 markings: network is GREEN, partners and groups AMBER+STRICT', () => {
  const marking = (distribution: string) => (signalToStix(sampleRecord({ type: 'pdq', value: 'f'.repeat(64), distribution: distribution as 'partners' }), 'n')[0]!.object_marking_refs as string[])[0];
  assert.equal(marking('network'), TLP_MARKINGS.green);
  assert.equal(marking('partners'), TLP_MARKINGS['amber+strict']);
  assert.equal(marking('group:eu-iru'), TLP_MARKINGS['amber+strict']);
});

test('an Indicator from elsewhere is read from its standard pattern and its TLP', () => {
  const foreign = {
    type: 'indicator',
    spec_version: '2.1',
    id: 'indicator--0b6a6d1e-2b8d-4c43-9f3a-6b9d1f7e2c11',
    created: '2025-01-01T00:00:00Z',
    modified: '2025-01-01T00:00:00Z',
    pattern: "[file:hashes.'SHA-256' = 'AB" + 'ab'.repeat(31) + "']",
    pattern_type: 'stix',
    valid_from: '2025-01-01T00:00:00Z',
    object_marking_refs: [TLP_MARKINGS.green],
    x_concord_label: 'instruction_for_violence',
  };
  const read = stixToSignal(registry, foreign);
  assert.ok(read.ok, read.ok ? '' : read.message);
  assert.equal(read.value.type, 'sha256');
  assert.equal(read.value.value, 'ab'.repeat(32));
  assert.equal(read.value.sharedAs, 'network');
});

test('bad Indicators are refused with stable codes', () => {
  const [good] = signalToStix(sampleRecord({ type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' }), 'node-1');
  const code = (o: unknown) => {
    const r = stixToSignal(registry, o);
    return r.ok ? 'ok' : r.code;
  };
  assert.equal(code({ ...good, spec_version: '2.0' }), 'STIX_OBJECT_INVALID');
  assert.equal(code({ ...good, id: 'indicator--nope' }), 'STIX_OBJECT_INVALID');
  assert.equal(code({ ...good, x_concord_signal_value: 'zz' }), 'SIGNAL_VALUE_INVALID');
  assert.equal(code({ ...good, x_concord_signal_type: 'tmk' }), 'SIGNAL_TYPE_UNKNOWN');
  assert.equal(code({ ...good, x_concord_label: undefined }), 'LABEL_MISSING');
  assert.equal(code({ ...good, x_concord_label: 'separatism' }), 'LABEL_UNKNOWN');
  assert.equal(code({ ...good, x_concord_signal_type: undefined, x_concord_signal_value: undefined, pattern: "[ipv4-addr:value = '10.0.0.1']" }), 'STIX_PATTERN_UNSUPPORTED');
});
