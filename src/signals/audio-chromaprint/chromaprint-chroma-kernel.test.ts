import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chromaKernel, type ChromaTables } from './chromaprint-chroma-kernel.js';
import { CHROMA_TABLES, FRAME_SIZE } from './chromaprint-chroma.js';
import { RealFft } from './chromaprint-reference-spectrum.test-helper.js';

test('the reference real FFT power spectrum equals a direct DFT', () => {
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

/** The chroma row the reference gives: the power of each bin in range, added to its band in bin order. */
function referenceRow(fft: RealFft, tables: ChromaTables, frame: Int16Array): Float64Array {
  const power = new Float64Array(fft.size / 2 + 1);
  fft.windowedPowerSpectrum(frame, 0, tables.window, power);
  const row = new Float64Array(12);
  for (let k = tables.minIndex; k < tables.maxIndex; k++) row[tables.bandOfBin[k]!] += power[k]!;
  return row;
}

function frames(): Array<[string, Int16Array]> {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const tone = (hz: number, amp: number) => Int16Array.from({ length: FRAME_SIZE }, (_, i) => Math.round(amp * Math.sin((2 * Math.PI * hz * i) / 11025)));
  return [
    ['white noise, full scale', Int16Array.from({ length: FRAME_SIZE }, () => Math.floor(random() * 65536) - 32768)],
    ['quiet noise', Int16Array.from({ length: FRAME_SIZE }, () => Math.floor(random() * 7) - 3)],
    ['440 Hz tone', tone(440, 12000)],
    ['chord with noise', Int16Array.from(tone(261.6, 5000), (v, i) => v + Math.round(4000 * Math.sin((2 * Math.PI * 329.6 * i) / 11025)) + Math.floor(random() * 200))],
    ['silence', new Int16Array(FRAME_SIZE)],
    ['extremes', Int16Array.from({ length: FRAME_SIZE }, (_, i) => (i % 3 === 0 ? -32768 : 32767))],
  ];
}

test('the WebAssembly kernel gives bit for bit the reference chroma rows', () => {
  const kernel = chromaKernel(CHROMA_TABLES);
  const fft = new RealFft(FRAME_SIZE);
  for (const [name, frame] of frames()) {
    kernel.samples.set(frame);
    kernel.analyse();
    assert.deepEqual(Array.from(kernel.row), Array.from(referenceRow(fft, CHROMA_TABLES, frame)), name);
  }
});

test('the kernel is exact for other sizes and bin ranges too, and leaves no state between frames', () => {
  const size = 512;
  const tables: ChromaTables = {
    window: Float64Array.from({ length: size }, (_, i) => (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size)) / 32767),
    bandOfBin: Uint8Array.from({ length: size / 2 }, (_, k) => k % 12),
    minIndex: 3,
    maxIndex: size / 2,
  };
  const kernel = chromaKernel(tables);
  const fft = new RealFft(size);
  const frame = Int16Array.from({ length: size }, (_, i) => ((i * 7919) % 4001) - 2000);
  kernel.samples.set(frame);
  kernel.analyse();
  const first = Array.from(kernel.row);
  assert.deepEqual(first, Array.from(referenceRow(fft, tables, frame)));
  kernel.samples.set(new Int16Array(size).fill(1234));
  kernel.analyse();
  kernel.samples.set(frame);
  kernel.analyse();
  assert.deepEqual(Array.from(kernel.row), first);
});

test('rejects frame sizes that are not powers of two, and bins out of range', () => {
  assert.throws(() => new RealFft(1000), RangeError);
  const window = new Float64Array(1000);
  assert.throws(() => chromaKernel({ window, bandOfBin: new Uint8Array(500), minIndex: 1, maxIndex: 400 }), RangeError);
  assert.throws(() => chromaKernel({ ...CHROMA_TABLES, maxIndex: FRAME_SIZE }), RangeError);
  assert.throws(() => chromaKernel({ ...CHROMA_TABLES, minIndex: 0 }), RangeError);
  assert.throws(() => chromaKernel({ ...CHROMA_TABLES, bandOfBin: new Uint8Array(CHROMA_TABLES.maxIndex).fill(12) }), RangeError);
});
