import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { toMillis, type VpdqFrame } from './vpdq-frame.js';
import { readLinesFile, vpdqVector } from './vpdq-fixtures.test-helper.js';
import { parseVpdqLines, toVpdqLines } from './vpdq-lines.js';
import { vpdqSignal } from './vpdq-signal.js';
import { parseThreatExchangeVpdq, pythonFormat3, toThreatExchangeVpdq } from './vpdq-threatexchange.js';
import { encodeVpdq, framesOf, parseVpdq } from './vpdq-value.js';

const PDQ = 'dadb999c25266273529cadac8dcb52c22324ad3bce99726c38668d93c799f06c';
const frames: VpdqFrame[] = [
  { index: 0, quality: 100, pdq: PDQ, timestamp: 0 },
  { index: 30, quality: 68, pdq: 'c8feb0fc73910f830fc6307cf039e7030fc61b9cf8717cf00fce00070003fffe', timestamp: 1 },
  { index: 4_000_000_000, quality: 0, pdq: '0'.repeat(64), timestamp: 4_000_000 },
];

const invalid = (raw: string, reason: RegExp) => {
  const r = vpdqSignal.validate(raw);
  assert.equal(r.ok, false, raw.slice(0, 80));
  if (!r.ok) {
    assert.equal(r.code, 'SIGNAL_VALUE_INVALID');
    assert.match(r.message, reason);
  }
};

describe('vpdq compact value', () => {
  test('is v1. then 82 hex digits a frame: PDQ, quality, index and milliseconds', () => {
    const value = encodeVpdq(frames.slice(0, 2));
    assert.equal(value, `v1.${PDQ}64${'0'.repeat(16)}${frames[1]!.pdq}44${'0000001e'}${'000003e8'}`);
    assert.equal(value.length, 3 + 2 * 82);
    assert.deepEqual(framesOf(encodeVpdq(frames)), frames);
  });

  test('validate normalises case and whitespace, and is idempotent', () => {
    const value = encodeVpdq(frames);
    assert.deepEqual(vpdqSignal.validate(` ${value.toUpperCase()}\n`), { ok: true, value });
    assert.deepEqual(vpdqSignal.validate(value), { ok: true, value });
  });

  test('validate takes the line form and the ThreatExchange JSON form to the same compact value', () => {
    const lines = readFileSync(vpdqVector('ours-ffmpeg5.1', '1fps', 'doorknob-hd-no-bar.txt'), 'utf8');
    const fromLines = vpdqSignal.validate(lines);
    assert.ok(fromLines.ok);
    assert.deepEqual(framesOf(fromLines.value), readLinesFile(vpdqVector('ours-ffmpeg5.1', '1fps', 'doorknob-hd-no-bar.txt')));
    const json = toThreatExchangeVpdq(framesOf(fromLines.value));
    const fromJson = vpdqSignal.validate(json);
    assert.ok(fromJson.ok);
    // The JSON form has no frame index: frames are numbered by position.
    assert.deepEqual(framesOf(fromJson.value).map((f) => f.index), [0, 1, 2, 3]);
    assert.deepEqual(framesOf(fromJson.value).map((f) => f.pdq), framesOf(fromLines.value).map((f) => f.pdq));
  });

  test('validate rejects malformed values with SIGNAL_VALUE_INVALID and a reason', () => {
    const one = encodeVpdq(frames.slice(0, 1));
    invalid('', /must be "v1\." and hex/);
    invalid('v1.', /no frames/);
    invalid(PDQ, /must be "v1\." and hex/);
    invalid(`v2.${one.slice(3)}`, /must be "v1\." and hex/);
    invalid(one.slice(0, -1), /82 hex digits a frame/);
    invalid(`${one.slice(0, -2)}zz`, /must be hex/);
    invalid(`v1.${PDQ}65${'0'.repeat(16)}`, /quality 101/);
    invalid(one + one.slice(3), /frame 2: frame index 0 does not follow 0/);
    invalid('v1.0 0', /must be hex/);
    invalid('[]', /no frames/);
    invalid('[1]', /item 1: not a string/);
    invalid('{"a":1}', /must be an array/);
    invalid('["abc,1,0.0"]', /item 1: the PDQ hash/);
  });
});

describe('vpdq line form', () => {
  test('parses and re-emits every reference file byte for byte', () => {
    for (const dir of ['1fps', 'every-frame', 'every-frame-128x128']) {
      for (const name of readdirSync(vpdqVector('ours-ffmpeg5.1', dir))) {
        const text = readFileSync(vpdqVector('ours-ffmpeg5.1', dir, name), 'utf8');
        const parsed = parseVpdqLines(text);
        assert.ok(parsed.ok, name);
        assert.equal(toVpdqLines(parsed.value), text, `${dir}/${name}`);
      }
    }
    for (const name of readdirSync(vpdqVector('sample-hashes')).filter((n) => n.endsWith('.txt'))) {
      const text = readFileSync(vpdqVector('sample-hashes', name), 'utf8');
      const parsed = parseVpdqLines(text);
      assert.ok(parsed.ok, name);
      assert.equal(toVpdqLines(parsed.value), text.endsWith('\n') ? text : `${text}\n`, name);
    }
  });

  test('names the line of the first bad frame', () => {
    const good = `0,100,${PDQ},0.000`;
    const cases: [string, RegExp][] = [
      [`${good}\n\n1,100,${PDQ}\n`, /^vpdq line 3: 3 fields instead of 4/],
      [`${good}\nx,100,${PDQ},0.033`, /^vpdq line 2: frame index "x"/],
      [`${good}\n1,101,${PDQ},0.033`, /^vpdq line 2: quality "101"/],
      [`${good}\n1,100,${PDQ.slice(1)},0.033`, /^vpdq line 2: the PDQ hash/],
      [`${good}\n1,100,${PDQ},-1`, /^vpdq line 2: timestamp "-1"/],
      [`${good}\n${good}`, /^vpdq line 2: frame index 0 does not follow 0/],
      ['\n\n', /no frames/],
    ];
    for (const [text, reason] of cases) {
      const r = parseVpdqLines(text);
      assert.equal(r.ok, false, text);
      if (!r.ok) {
        assert.equal(r.code, 'SIGNAL_VALUE_INVALID');
        assert.match(r.message, reason);
      }
    }
    invalid(`${good}\n1,100,${PDQ},0.033,9`, /^vpdq line 2: 5 fields/);
  });

  test('keeps timestamps to the millisecond, ties to even as %.3f does', () => {
    assert.equal(toMillis(1 / 30), 33);
    assert.equal(toMillis(2 / 30), 67);
    assert.equal(toMillis(1 / 16), 62);
    assert.equal(toMillis(3 / 16), 188);
    assert.equal(toVpdqLines([{ index: 1, quality: 5, pdq: PDQ, timestamp: 1 / 16 }]), `1,5,${PDQ},0.062\n`);
  });
});

describe('vpdq ThreatExchange JSON form', () => {
  test('parses the pytx files and writes them back byte for byte', () => {
    for (const name of readdirSync(vpdqVector('pytx-json-1fps'))) {
      const text = readFileSync(vpdqVector('pytx-json-1fps', name), 'utf8');
      const parsed = parseThreatExchangeVpdq(text);
      assert.ok(parsed.ok, name);
      assert.equal(toThreatExchangeVpdq(parsed.value), text.trim(), name);
    }
  });

  test('holds the same hashes and qualities as every 30th frame of the sample hashes', () => {
    for (const video of ['doorknob-hd-no-bar', 'pattern-sd-grey-bar']) {
      const json = parseThreatExchangeVpdq(readFileSync(vpdqVector('pytx-json-1fps', `${video}.json`), 'utf8'));
      assert.ok(json.ok);
      const every30th = readLinesFile(vpdqVector('sample-hashes', `${video}.txt`)).filter((f) => f.index % 30 === 0);
      assert.deepEqual(json.value.map((f) => [f.pdq, f.quality, f.timestamp]), every30th.map((f) => [f.pdq, f.quality, f.timestamp]));
    }
  });

  test('writes timestamps as Python format(ts, ".3") does', () => {
    const cases: [number, string][] = [[0, '0.0'], [1, '1.0'], [0.033, '0.033'], [12.34, '12.3'], [9.996, '10.0'], [99.96, '1e+02'], [123.4, '1.23e+02'], [1000, '1e+03'], [0.0001, '0.0001'], [0.00001, '1e-05']];
    for (const [x, text] of cases) assert.equal(pythonFormat3(x), text, String(x));
  });

  test('reads Python float strings, including exponents, to the millisecond', () => {
    const r = parseThreatExchangeVpdq(`["${PDQ},100,1.23e+02", "${PDQ.toUpperCase()},7,0.033"]`);
    assert.ok(r.ok);
    assert.deepEqual(r.value, [
      { index: 0, quality: 100, pdq: PDQ, timestamp: 123 },
      { index: 1, quality: 7, pdq: PDQ, timestamp: 0.033 },
    ]);
  });

  test('names the item of the first bad frame', () => {
    const r = parseThreatExchangeVpdq(`["${PDQ},100,0.0", "${PDQ},100"]`);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.message, /^vpdq JSON item 2: 2 fields instead of 3/);
    const p = parseVpdq(`["${PDQ},100,0.0", "${PDQ},100,x"]`);
    assert.equal(p.ok, false);
    if (!p.ok) assert.match(p.message, /item 2: timestamp "x"/);
  });
});
