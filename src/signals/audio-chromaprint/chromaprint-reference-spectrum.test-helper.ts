/**
 * The reference for chromaprint-chroma-kernel.ts, in plain JavaScript: the power spectrum
 * of a real frame of power-of-two size N, via one complex FFT of size N/2 on the even/odd
 * samples packed as re/im, then the usual split. This is the arithmetic the fingerprints
 * were checked against fpcalc with; the kernel must equal it bit for bit.
 *
 * @example
 *   const fft = new RealFft(4096);
 *   const power = new Float64Array(2049);
 *   fft.powerSpectrum(windowedFrame, power); // power[k] = re² + im², k = 0..2048
 */
export class RealFft {
  readonly size: number;
  private readonly half: number;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly bitReverse: Uint32Array;
  /** cos/sin of 2πj/half for j < half/2: the complex FFT's twiddles. */
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  /** cos/sin of 2πk/size for k ≤ half: the split's twiddles. */
  private readonly splitCos: Float64Array;
  private readonly splitSin: Float64Array;

  constructor(size: number) {
    if (size < 4 || (size & (size - 1)) !== 0) throw new RangeError(`FFT size must be a power of two ≥ 4, got ${size}`);
    this.size = size;
    const half = (this.half = size >> 1);
    this.re = new Float64Array(half);
    this.im = new Float64Array(half);
    this.bitReverse = new Uint32Array(half);
    const bits = Math.log2(half);
    for (let i = 0; i < half; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.bitReverse[i] = r;
    }
    this.cos = new Float64Array(half >> 1);
    this.sin = new Float64Array(half >> 1);
    for (let j = 0; j < half >> 1; j++) {
      this.cos[j] = Math.cos((2 * Math.PI * j) / half);
      this.sin[j] = Math.sin((2 * Math.PI * j) / half);
    }
    this.splitCos = new Float64Array(half + 1);
    this.splitSin = new Float64Array(half + 1);
    for (let k = 0; k <= half; k++) {
      this.splitCos[k] = Math.cos((2 * Math.PI * k) / size);
      this.splitSin[k] = Math.sin((2 * Math.PI * k) / size);
    }
  }

  /** Writes |X[k]|² for k = 0..size/2 into `out` (length ≥ size/2 + 1). */
  powerSpectrum(input: Float64Array, out: Float64Array): void {
    const { re, im, half, bitReverse } = this;
    for (let i = 0; i < half; i++) {
      const j = bitReverse[i]!;
      re[j] = input[2 * i]!;
      im[j] = input[2 * i + 1]!;
    }
    this.spectrum(out);
  }

  /**
   * The same for `samples[start + i] · window[i]`, multiplied while being placed in
   * bit-reversed order: one pass over the frame instead of two, the same products.
   */
  windowedPowerSpectrum(samples: Int16Array, start: number, window: Float64Array, out: Float64Array): void {
    const { re, im, half, bitReverse } = this;
    for (let i = 0; i < half; i++) {
      const j = bitReverse[i]!;
      re[j] = samples[start + 2 * i]! * window[2 * i]!;
      im[j] = samples[start + 2 * i + 1]! * window[2 * i + 1]!;
    }
    this.spectrum(out);
  }

  /** The complex FFT of re/im (loaded in bit-reversed order), split into the real input's power spectrum. */
  private spectrum(out: Float64Array): void {
    const { re, im, half } = this;
    this.butterflies();
    out[0] = (re[0]! + im[0]!) ** 2;
    out[half] = (re[0]! - im[0]!) ** 2;
    const c = this.splitCos;
    const s = this.splitSin;
    for (let k = 1; k < half; k++) {
      const m = half - k;
      const zr = re[k]!, zi = im[k]!, mr = re[m]!, mi = im[m]!;
      const er = (zr + mr) * 0.5, ei = (zi - mi) * 0.5;
      const or = (zi + mi) * 0.5, oi = (mr - zr) * 0.5;
      // X[k] = E + e^{-2πik/N}·O
      const xr = er + c[k]! * or + s[k]! * oi;
      const xi = ei + c[k]! * oi - s[k]! * or;
      out[k] = xr * xr + xi * xi;
    }
  }

  /** Complex FFT in place in re/im, whose values are in bit-reversed order. */
  private butterflies(): void {
    const { re, im, half } = this;
    // First two stages as one radix-4 pass: no twiddle multiplications needed.
    for (let i = 0; i < half; i += 4) {
      const ar = re[i]!, ai = im[i]!, br = re[i + 1]!, bi = im[i + 1]!;
      const cr = re[i + 2]!, ci = im[i + 2]!, dr = re[i + 3]!, di = im[i + 3]!;
      const s0r = ar + br, s0i = ai + bi, d0r = ar - br, d0i = ai - bi;
      const s1r = cr + dr, s1i = ci + di, d1r = cr - dr, d1i = ci - di;
      re[i] = s0r + s1r;
      im[i] = s0i + s1i;
      re[i + 2] = s0r - s1r;
      im[i + 2] = s0i - s1i;
      // d1 · (−i)
      re[i + 1] = d0r + d1i;
      im[i + 1] = d0i - d1r;
      re[i + 3] = d0r - d1i;
      im[i + 3] = d0i + d1r;
    }
    // The radix-2 stages of half-length 4, 8, …, with twiddles taken from the table (cos[j·step]).
    const { cos, sin } = this;
    for (let len = 8; len <= half; len <<= 1) {
      const h = len >> 1;
      const step = half / len;
      for (let j = 0; j < h; j++) {
        const wr = cos[j * step]!, wi = -sin[j * step]!;
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
  }
}
