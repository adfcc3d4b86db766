import sharp from 'sharp';

/** A textured image (something PDQ has to say about), and a re-encoded, slightly altered copy: a near match with its own new hashes. */
export async function imagePair(): Promise<{ original: Buffer; variant: Buffer }> {
  const w = 256;
  const raw = Buffer.alloc(w * w * 3);
  for (let y = 0; y < w; y++) for (let x = 0; x < w; x++) raw.set([((x * 7) ^ (y * 13)) & 0xff, (x + y) & 0xff, (x * y) & 0xff], (y * w + x) * 3);
  const img = () => sharp(raw, { raw: { width: w, height: w, channels: 3 } });
  return { original: await img().png().toBuffer(), variant: await img().resize(200, 200).modulate({ brightness: 1.08 }).jpeg({ quality: 70 }).toBuffer() };
}
