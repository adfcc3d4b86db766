import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { ConcordError } from '../../errors/concord-error.js';
import { signalTypeContract } from '../signal-type-contract.case.js';
import { isSkipped, type HashedSignal, type SignalType, type SkippedSignal } from '../signal-type.js';
import { textMinhashSamples, textSha256Samples } from './text-contract-samples.js';
import { editText, FIXTURE_LANGUAGES, fixtureTexts, seededRandom, vocabulary } from './text-corpus.js';
import { textMinhashSignal } from './text-minhash-signal.js';
import { textSha256Signal } from './text-sha256-signal.js';
import { textContent } from './text-test-ports.test-helper.js';

signalTypeContract(textSha256Signal, textSha256Samples());
signalTypeContract(textMinhashSignal, textMinhashSamples());

async function hashed(type: SignalType, text: string): Promise<HashedSignal> {
  const result = await type.hash!(textContent(text), {});
  if (isSkipped(result)) assert.fail(`${type.name} skipped: ${result.skipped}`);
  return result;
}

test('text_sha256 is the SHA-256 of the normalised text', async () => {
  const signal = await hashed(textSha256Signal, '  Hello,   WORLD!! ');
  assert.equal(signal.value, createHash('sha256').update('hello world').digest('hex'));
  assert.equal(signal.matchable, true);
});

test('text_sha256 matches a re-post disguised with homoglyphs, invisibles, spacing and case', async () => {
  const original = fixtureTexts('en')[0]!;
  const disguised = editText(original, 'evasion', 0.1, [], seededRandom(4));
  assert.notEqual(disguised, original);
  assert.equal((await hashed(textSha256Signal, disguised)).value, (await hashed(textSha256Signal, original)).value);
});

test('simplified and traditional Chinese get different signals', async () => {
  const [hans, hant] = [fixtureTexts('zh-hans')[0]!, fixtureTexts('zh-hant')[0]!];
  assert.notEqual((await hashed(textSha256Signal, hans)).value, (await hashed(textSha256Signal, hant)).value);
  const d = textMinhashSignal.distance((await hashed(textMinhashSignal, hans)).value, (await hashed(textMinhashSignal, hant)).value);
  assert.ok(d > textMinhashSignal.threshold, `distance ${d}`);
});

for (const language of FIXTURE_LANGUAGES) {
  test(`text_minhash (${language}): near-duplicates with small edits match`, async () => {
    const rng = seededRandom(21);
    const vocab = vocabulary(language);
    for (const text of fixtureTexts(language)) {
      const original = (await hashed(textMinhashSignal, text)).value;
      for (const [kind, rate] of [['substitute', 0.03], ['insert', 0.05], ['delete', 0.05], ['swap-sentences', 0.3], ['header-footer', 0.2], ['truncate', 0.1]] as const) {
        const copy = (await hashed(textMinhashSignal, editText(text, kind, rate, vocab, rng))).value;
        const d = textMinhashSignal.distance(original, copy);
        assert.ok(d <= textMinhashSignal.threshold, `${kind} ${rate}: distance ${d}`);
      }
    }
  });

  test(`text_minhash (${language}): unrelated texts on the same topic do not match`, async () => {
    const values = await Promise.all(fixtureTexts(language).map(async (t) => (await hashed(textMinhashSignal, t)).value));
    for (let i = 0; i < values.length; i++) {
      for (let j = i + 1; j < values.length; j++) {
        const d = textMinhashSignal.distance(values[i]!, values[j]!);
        assert.ok(d > textMinhashSignal.threshold + 30, `texts ${i} and ${j}: distance ${d}`);
      }
    }
  });
}

test('a short text gets the exact signal only, and says so', async () => {
  const short = 'Join us at the bridge tonight.';
  const result = (await textMinhashSignal.hash!(textContent(short), {})) as HashedSignal | SkippedSignal;
  assert.ok(isSkipped(result));
  assert.equal(result.type, 'text_minhash');
  assert.match(result.skipped, /short text \(29 characters.*text_sha256 only/);
  assert.equal((await hashed(textSha256Signal, short)).matchable, true);
});

test('a text empty after normalisation fails with TEXT_EMPTY, for both signals', async () => {
  for (const type of [textSha256Signal, textMinhashSignal]) {
    await assert.rejects(type.hash!(textContent(' \u200b … !! \u00ad\n'), {}), (err: unknown) => err instanceof ConcordError && err.code === 'TEXT_EMPTY');
  }
});

test('a malformed text_minhash token is rejected with SIGNAL_VALUE_INVALID', () => {
  for (const bad of textMinhashSamples().invalid) {
    const res = textMinhashSignal.validate(bad);
    assert.equal(res.ok, false);
    if (!res.ok) assert.equal(res.code, 'SIGNAL_VALUE_INVALID');
  }
  assert.throws(() => textMinhashSignal.createIndex().add(1, 'm1.zz'), (err: unknown) => err instanceof ConcordError && err.code === 'SIGNAL_VALUE_INVALID');
});
