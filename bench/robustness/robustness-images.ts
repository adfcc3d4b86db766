import sharp, { type Sharp } from 'sharp';
import { ORIGINAL, type MediaItem, type Transform } from './robustness-item.js';
import { packagedImages } from './robustness-photos.js';
import { between, pick, seededRandom } from './robustness-random.js';
import { sceneSvg, SCENES } from './robustness-scenes.js';

const SIZES = [
  [1200, 800],
  [1024, 768],
  [900, 1200],
  [1280, 720],
  [1000, 1000],
  [1600, 1000],
] as const;

/** Longest side of an original as the bench shares it: a typical posted photograph. */
const ORIGINAL_SIDE = 1280;

/**
 * The known originals: packaged photographs (robustness-photos.ts), at most 1280 pixels
 * on a side, as JPEG q92. `count` caps how many (a quick run takes a few).
 */
export async function imageOriginals(count = Infinity): Promise<MediaItem[]> {
  const { photos } = packagedImages();
  const items: MediaItem[] = [];
  for (const photo of photos.slice(0, count)) {
    const bytes = await sharp(photo.path).removeAlpha().resize({ width: ORIGINAL_SIDE, height: ORIGINAL_SIDE, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 92 }).toBuffer();
    items.push({ kind: 'image', original: photo.name, transform: ORIGINAL, bytes });
  }
  return items;
}

/**
 * `count` unrelated distractor images: windows (30–80 % of a side, anywhere, scaled) of
 * the packaged wallpapers that are not among the originals, eight per wallpaper, then
 * seeded photo-like scenes to make up the number. `original` names the source, so
 * windows of one wallpaper are never counted as false matches of each other.
 */
export async function imageDistractors(count: number): Promise<MediaItem[]> {
  const { others } = packagedImages();
  const rng = seededRandom(77);
  const items: MediaItem[] = [];
  for (const source of others) {
    const base = await sharp(source.path).removeAlpha().resize({ width: 1600, height: 1600, fit: 'inside', withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true });
    const { width, height } = base.info;
    for (let k = 0; k < 8 && items.length < count; k++) {
      const share = 0.3 + rng() * 0.5;
      const w = Math.round(width * share), h = Math.round(height * (0.3 + rng() * 0.5));
      const left = Math.floor(rng() * (width - w)), top = Math.floor(rng() * (height - h));
      const side = between(rng, 320, 1024);
      const bytes = await sharp(base.data, { raw: base.info }).extract({ left, top, width: w, height: h }).resize({ width: side, height: side, fit: 'inside' }).jpeg({ quality: 85 }).toBuffer();
      items.push({ kind: 'image', original: `distractor ${source.name}`, transform: `window ${k + 1}`, bytes });
    }
  }
  for (let i = 1; items.length < count; i++) items.push(await sceneDistractor(i));
  return items;
}

/**
 * Seeded photo-like scene number `n` (from 1) of the distractors, the same on every run:
 * `distractor scene n`, its transform the kind of scene.
 */
export async function sceneDistractor(n: number): Promise<MediaItem> {
  const i = n - 1;
  const r = seededRandom(5000 + i);
  const scene = SCENES[i % SCENES.length]!;
  const [w, h] = pick(r, SIZES).map((x) => Math.round(x * 0.6));
  const drawn = await sharp(Buffer.from(sceneSvg(scene.draw, w!, h!, r))).removeAlpha().png().toBuffer();
  const bytes = await sharp(drawn).composite([{ input: grain(w!, h!, r), raw: { width: w!, height: h!, channels: 3 }, blend: 'soft-light' }]).blur(0.7).jpeg({ quality: 88 }).toBuffer();
  return { kind: 'image', original: `distractor scene ${n}`, transform: scene.name, bytes };
}

/** Grey film grain around mid-grey (σ 28), seeded: libvips' own noise differs on every run. */
function grain(width: number, height: number, rng: () => number): Buffer {
  const out = Buffer.alloc(width * height * 3);
  for (let p = 0; p < out.length; p += 3) {
    const g = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    out[p] = out[p + 1] = out[p + 2] = Math.max(0, Math.min(255, Math.round(128 + 28 * g)));
  }
  return out;
}

/** Adds seeded Gaussian noise of σ `sigma` to every channel. */
async function noisy(bytes: Uint8Array, sigma: number): Promise<Uint8Array> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const rng = seededRandom(data.length);
  for (let p = 0; p < data.length; p++) {
    const g = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    data[p] = Math.max(0, Math.min(255, Math.round(data[p]! + sigma * g)));
  }
  return sharp(data, { raw: info }).jpeg({ quality: 90 }).toBuffer();
}

/** A uniform border of `share` of each side, in a colour seeded by the image size. */
async function bordered(bytes: Uint8Array, share: number): Promise<Uint8Array> {
  const { width, height } = (await sharp(bytes).metadata()) as { width: number; height: number };
  const colours = [{ r: 255, g: 255, b: 255 }, { r: 0, g: 0, b: 0 }, { r: 128, g: 128, b: 128 }, { r: 200, g: 30, b: 40 }];
  const background = colours[(width + height) % colours.length]!;
  const x = Math.round(width * share), y = Math.round(height * share);
  return jpeg(sharp(bytes).extend({ left: x, right: x, top: y, bottom: y, background }));
}

/** A news-style caption bar added above the picture: white, 18 % of its height, two lines of bold text. */
async function captionBar(bytes: Uint8Array): Promise<Uint8Array> {
  const { width: w, height: h } = (await sharp(bytes).metadata()) as { width: number; height: number };
  const bar = Math.round(h * 0.18);
  const size = Math.round(bar / 3.2);
  const text = `<rect width="${w}" height="${bar}" fill="white"/><text x="${w * 0.03}" y="${size * 1.3}" font-family="DejaVu Sans" font-weight="bold" font-size="${size}" fill="black">BREAKING: they tried to delete this</text><text x="${w * 0.03}" y="${size * 2.6}" font-family="DejaVu Sans" font-size="${size * 0.8}" fill="#333">share it everywhere before it is gone</text>`;
  const overlay = await sharp(svgText(w, bar, text)).removeAlpha().png().toBuffer();
  return jpeg(sharp(bytes).extend({ top: bar, background: { r: 255, g: 255, b: 255 } }).composite([{ input: overlay, left: 0, top: 0 }]));
}

const jpeg = (image: Sharp) => image.jpeg({ quality: 90 }).toBuffer();
const svgText = (w: number, h: number, body: string) => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${body}</svg>`);

/** Centre crop keeping (1 − share) of each side's length. */
function centreCrop(share: number): (bytes: Uint8Array) => Promise<Uint8Array> {
  return async (bytes) => {
    const { width, height } = await sharp(bytes).metadata();
    const left = Math.round((width! * share) / 2);
    const top = Math.round((height! * share) / 2);
    return jpeg(sharp(bytes).extract({ left, top, width: width! - 2 * left, height: height! - 2 * top }));
  };
}

/** Meme-style caption: bold white text with a black outline, top and bottom. */
async function captioned(bytes: Uint8Array): Promise<Uint8Array> {
  const { width: w, height: h } = (await sharp(bytes).metadata()) as { width: number; height: number };
  // At most 1/9 of the height, and narrow enough to fit (bold capitals ≈ 0.75 em wide).
  const line = (top: boolean, text: string) => {
    const size = Math.round(Math.min(h / 9, (w * 0.94) / (text.length * 0.75)));
    const y = top ? size * 1.1 : h - size * 0.4;
    return `<text x="${w / 2}" y="${y}" font-family="DejaVu Sans" font-weight="bold" font-size="${size}" text-anchor="middle" fill="white" stroke="black" stroke-width="${size / 14}">${text}</text>`;
  };
  const overlay = svgText(w, h, line(true, 'WHEN THEY SAY') + line(false, 'SHARE BEFORE IT IS GONE'));
  return jpeg(sharp(bytes).composite([{ input: overlay }]));
}

/** The image at about 45 % of a 1440×1000 app window (title bar, sidebar, caption, buttons), as a PNG screenshot. */
async function screenshot(bytes: Uint8Array): Promise<Uint8Array> {
  const W = 1440, H = 1000;
  const meta = await sharp(bytes).metadata();
  const scale = Math.min(780 / meta.width!, 620 / meta.height!);
  const w = Math.round(meta.width! * scale), h = Math.round(meta.height! * scale);
  const left = 330 + Math.round((780 - w) / 2), top = 150;
  let ui = `<rect width="${W}" height="${H}" fill="#eef0f3"/><rect width="${W}" height="64" fill="#2b3a55"/><text x="24" y="42" font-family="DejaVu Sans" font-size="26" fill="white">ChatApp — #general</text>`;
  ui += `<rect y="64" width="280" height="${H}" fill="#dde2ea"/>`;
  for (let y = 100; y < H - 40; y += 54) ui += `<circle cx="40" cy="${y}" r="16" fill="#8894a8"/><rect x="66" y="${y - 8}" width="${120 + ((y * 7) % 80)}" height="14" rx="7" fill="#a9b2c2"/>`;
  ui += `<circle cx="360" cy="110" r="22" fill="#c47c3a"/><text x="396" y="106" font-family="DejaVu Sans" font-weight="bold" font-size="20" fill="#222">user_4821</text><text x="396" y="130" font-family="DejaVu Sans" font-size="17" fill="#555">look at this before they delete it</text>`;
  ui += `<rect x="${left - 6}" y="${top - 6}" width="${w + 12}" height="${h + 12}" rx="8" fill="#ffffff" stroke="#c8ccd4"/>`;
  for (let x = 330; x < 1000; x += 130) ui += `<rect x="${x}" y="${top + h + 24}" width="110" height="34" rx="17" fill="#d4d9e2"/>`;
  ui += `<rect x="300" y="${H - 80}" width="${W - 330}" height="50" rx="25" fill="#ffffff" stroke="#c8ccd4"/>`;
  const canvas = await sharp(svgText(W, H, ui)).removeAlpha().png().toBuffer();
  const inner = await sharp(bytes).resize(w, h).toBuffer();
  return sharp(canvas).composite([{ input: inner, left, top }]).png().toBuffer();
}

/** The image transformations, each from the original's JPEG bytes. */
export const IMAGE_TRANSFORMS: readonly Transform<Uint8Array>[] = [
  { name: 'crop 10%', description: 'centre crop keeping 90% of width and height', apply: centreCrop(0.1) },
  { name: 'crop 25%', description: 'centre crop keeping 75% of width and height', apply: centreCrop(0.25) },
  { name: 'border 10%', description: 'uniform border of 10% of each side (white, black, grey or red)', apply: (b) => bordered(b, 0.1) },
  { name: 'scale 0.5×', description: 'half width and height', apply: async (b) => jpeg(sharp(b).resize({ width: Math.round((await sharp(b).metadata()).width! / 2) })) },
  { name: 'JPEG q30', description: 're-encoded at JPEG quality 30', apply: (b) => sharp(b).jpeg({ quality: 30 }).toBuffer() },
  { name: 'mirror', description: 'left-right flip', apply: (b) => jpeg(sharp(b).flop()) },
  { name: 'rotate 90°', description: 'turned a quarter clockwise', apply: (b) => jpeg(sharp(b).rotate(90)) },
  { name: 'text overlay', description: 'meme captions top and bottom, up to 1/9 of the height each', apply: captioned },
  {
    name: 'letterbox',
    description: 'black bars of 15% of the height above and below',
    apply: async (b) => {
      const bar = Math.round((await sharp(b).metadata()).height! * 0.15);
      return jpeg(sharp(b).extend({ top: bar, bottom: bar, background: { r: 0, g: 0, b: 0 } }));
    },
  },
  { name: 'caption bar', description: 'white bar of 18% of the height added on top, with two lines of text', apply: captionBar },
  { name: 'noise', description: 'Gaussian noise σ 12 on every channel', apply: (b) => noisy(b, 12) },
  { name: 'colour shift', description: 'hue +40°, saturation ×1.5, brightness ×1.05', apply: (b) => jpeg(sharp(b).modulate({ hue: 40, saturation: 1.5, brightness: 1.05 })) },
  { name: 'screenshot in frame', description: 'placed smaller inside a 1440×1000 chat-app window, saved as PNG', apply: screenshot },
];
