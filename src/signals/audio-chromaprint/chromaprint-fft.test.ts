import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RealFft } from './chromaprint-fft.js';

test('the real FFT power spectrum equals a direct DFT', () => {
  const n = 256;
  const input = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) + ((i * 7919) % 13) / 13 - 0.5);
  const power = new Float64Array(n / 2 + 1);
  new RealFft(n).powerSpectrum(input, power);
  for (let k = 0; k <= n / 2; k++) {
    let re = 0, im = 0;
    for (let i = 0; i < n; i++) {
      re += input[i]! * Math.cos((2 * Math.PI * k * i) / n);
      im -= input[i]! * Math.sin((2 * Math.PI * k * i) / n);
    }
    assert.ok(Math.abs(power[k]! - (re * re + im * im)) < 1e-9 * Math.max(1, re * re + im * im), `bin ${k}`);
  }
});

test('rejects sizes that are not powers of two', () => {
  assert.throws(() => new RealFft(1000), RangeError);
});
