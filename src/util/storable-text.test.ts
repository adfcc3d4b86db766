import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isStorableText } from './storable-text.js';

test('accepts any well-formed text, including paired surrogates and other control characters', () => {
  for (const s of ['', 'plain', 'Gruppe ÄÖ', 'emoji 🙂 pair', 'tab\tand\nnewline', '\u0001']) assert.equal(isStorableText(s), true, JSON.stringify(s));
});

test('refuses NUL and unpaired surrogates wherever they are', () => {
  for (const s of ['\u0000', 'a\u0000', '\u0000b', 'lone \ud800 high', 'lone \udc00 low', 'end \ud83d', '\ude42 start', 'reversed \ude42\ud83d']) {
    assert.equal(isStorableText(s), false, JSON.stringify(s));
  }
});
