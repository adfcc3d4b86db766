/**
 * PDQ quality (spec §3): the summed absolute gradient of the 64×64 buffer, each step
 * `trunc(fr(fr(fr(u - v) * 100) / 255))`, divided by 90 and capped at 100. Flat images
 * score low; under 50 a hash is too weak to match on.
 *
 * @example
 *   pdqQuality(buf64); // 0 … 100
 */
export function pdqQuality(buf: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < 63; i++) {
    for (let j = 0; j < 64; j++) sum += Math.abs(gradient(buf[(i + 1) * 64 + j], buf[i * 64 + j]));
  }
  for (let i = 0; i < 64; i++) {
    for (let j = 0; j < 63; j++) sum += Math.abs(gradient(buf[i * 64 + j + 1], buf[i * 64 + j]));
  }
  return Math.min(100, Math.floor(sum / 90));
}

function gradient(u: number, v: number): number {
  return Math.trunc(Math.fround(Math.fround(Math.fround(u - v) * 100) / 255));
}
