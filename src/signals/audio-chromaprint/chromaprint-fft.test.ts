import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RealFft } from './chromaprint-fft.js';
import { fftKernel } from './chromaprint-fft-kernel.js';

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

test('the WebAssembly stages give bit for bit what the same butterflies give in JavaScript', () => {
  const size = 4096;
  const half = size / 2;
  const fft = new RealFft(size);
  const kernel = fftKernel(half);
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  const re = Float64Array.from({ length: half }, random);
  const im = Float64Array.from({ length: half }, random);
  kernel.re.set(re);
  kernel.im.set(im);
  kernel.stages();
  // The radix-2 stages as written in JavaScript before they moved to WebAssembly.
  for (let len = 8; len <= half; len <<= 1) {
    const h = len >> 1;
    const step = half / len;
    for (let j = 0; j < h; j++) {
      const wr = Math.cos((2 * Math.PI * j * step) / half), wi = -Math.sin((2 * Math.PI * j * step) / half);
      for (let i = j; i < half; i += len) {
        const l = i + h;
        const tr = re[l]! * wr - im[l]! * wi, ti = re[l]! * wi + im[l]! * wr;
        const ur = re[i]!, ui = im[i]!;
        re[l] = ur - tr;
        im[l] = ui - ti;
        re[i] = ur + tr;
        im[i] = ui + ti;
      }
    }
  }
  assert.ok(fft.size === size);
  assert.deepEqual(kernel.re, re);
  assert.deepEqual(kernel.im, im);
});

test('windowing while loading gives exactly the spectrum of the windowed frame', () => {
  const n = 512;
  const samples = Int16Array.from({ length: n + 10 }, (_, i) => Math.round(Math.sin(i * 0.21) * 20000) + ((i * 7919) % 301));
  const window = Float64Array.from({ length: n }, (_, i) => 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (n - 1)));
  const fft = new RealFft(n);
  const fused = new Float64Array(n / 2 + 1);
  const plain = new Float64Array(n / 2 + 1);
  fft.windowedPowerSpectrum(samples, 10, window, fused);
  fft.powerSpectrum(Float64Array.from({ length: n }, (_, i) => samples[10 + i]! * window[i]!), plain);
  assert.deepEqual(fused, plain);
});
