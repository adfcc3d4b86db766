import sharp from 'sharp';

/**
 * A real 8×8 JPEG whose frame header is rewritten to declare `side`×`side` pixels:
 * a few hundred bytes that libvips decodes (the missing data is only a warning) into
 * a canvas of the declared size, 270 MB at 9500×9500.
 */
export async function declaredHugeJpeg(side = 9500): Promise<Buffer> {
  const small = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } }).jpeg({ quality: 50 }).toBuffer();
  const jpeg = Buffer.from(small);
  for (let i = 2; i < jpeg.length - 9; i++) {
    // SOF0 or SOF2: FF C0/C2, length (2), precision (1), height (2), width (2).
    if (jpeg[i] === 0xff && (jpeg[i + 1] === 0xc0 || jpeg[i + 1] === 0xc2)) {
      jpeg.writeUInt16BE(side, i + 5);
      jpeg.writeUInt16BE(side, i + 7);
      return jpeg;
    }
  }
  throw new Error('sharp wrote a JPEG without a frame header');
}

/** A one-colour image of `side`×`side` pixels: the best case for every codec's compression. */
export const flatImage = (side: number) => sharp({ create: { width: side, height: side, channels: 3, background: '#000000' } });

/**
 * A valid PDF that takes pdf.js seconds to read: one page of `lines` text lines
 * (about 3 s for 200 000 on one core). Stands in for a hostile PDF that holds its reader.
 */
export async function slowPdf(lines = 400_000): Promise<Buffer> {
  const { tinyPdf } = await import('./tiny-pdf.js');
  return tinyPdf([Array.from({ length: lines }, (_, i) => `w${i}`).join('\n')]);
}
