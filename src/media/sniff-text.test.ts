import assert from 'node:assert/strict';
import { test } from 'node:test';
import { looksLikeText } from './sniff-text.js';

test('UTF-8 text in any script is text; binary and broken UTF-8 are not', () => {
  for (const t of ['plain ascii\n', 'Манифест нападавшего', 'بيان منفذ الهجوم', '袭击者的宣言', 'tab\tand\r\nlines']) assert.ok(looksLikeText(Buffer.from(t)), t);
  assert.equal(looksLikeText(Buffer.from([0x41, 0x00, 0x42])), false);
  assert.equal(looksLikeText(Buffer.from([0xc3, 0x28])), false);
  assert.equal(looksLikeText(Buffer.from('\x01\x02\x03\x04 mostly control')), false);
  assert.equal(looksLikeText(Buffer.alloc(0)), false);
});

test('a multi-byte character cut by the sample boundary does not make text binary', () => {
  const big = Buffer.from('я'.repeat(40_000)); // 80,000 bytes, 2 bytes a character
  assert.ok(looksLikeText(Buffer.concat([Buffer.from('x'), big])));
});
