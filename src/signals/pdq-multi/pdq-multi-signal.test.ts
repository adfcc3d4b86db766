import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import sharp, { type Sharp } from 'sharp';
import { DEFAULT_IMAGE_LIMITS } from '../../media/image-decoder.js';
import { SharpImageDecoder } from '../../media/sharp-image-decoder.js';
import { ListMatcher, type ListMatch } from '../../match/list-matcher.js';
import { repoRoot } from '../../testing/repo-root.js';
import { ContentSource, type MediaPorts } from '../content-source.js';
import { defaultRegistry } from '../default-registry.js';
import { isSkipped, type HashedSignal } from '../signal-type.js';
import { ALTERNATE_BAND_THRESHOLD } from './pdq-multi-evidence.js';
import { pdqMultiSignal } from './pdq-multi-signal.js';
import { parseMultiValue } from './pdq-multi-value.js';

const ports: MediaPorts = { imageDecoder: new SharpImageDecoder(), imageLimits: DEFAULT_IMAGE_LIMITS };
const samples = join(repoRoot(), 'samples', 'images');
const labelme = join(repoRoot(), 'test', 'fixtures', 'vectors', 'pdq', 'images', 'labelme');
const ORIGINAL = readFileSync(join(samples, 'bridge-original.jpg'));
const registry = defaultRegistry();

async function multi(bytes: Uint8Array): Promise<HashedSignal> {
  const signal = await pdqMultiSignal.hash!(new ContentSource(bytes, ports), {});
  assert.ok(!isSkipped(signal));
  return signal;
}

const jpeg = (image: Sharp) => image.jpeg({ quality: 90 }).toBuffer();
const size = async (bytes: Uint8Array) => (await sharp(bytes).metadata()) as { width: number; height: number };
const svg = (w: number, h: number, body: string) => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${body}</svg>`);

async function bordered(b: Buffer, background: string): Promise<Buffer> {
  const { width, height } = await size(b);
  const x = Math.round(width / 10);
  const y = Math.round(height / 10);
  return jpeg(sharp(b).extend({ left: x, right: x, top: y, bottom: y, background }));
}

async function memeCaptions(b: Buffer): Promise<Buffer> {
  const { width, height } = await size(b);
  const line = (y: number, t: string) => `<text x="${width / 2}" y="${y}" font-family="DejaVu Sans" font-weight="bold" font-size="${height / 10}" text-anchor="middle" fill="white" stroke="black" stroke-width="${height / 140}">${t}</text>`;
  return jpeg(sharp(b).composite([{ input: svg(width, height, line(height * 0.11, 'WHEN THEY SAY') + line(height * 0.96, 'SHARE IT NOW')) }]));
}

/** Copies of the original made the way evaders make them, each with the variant it should match through. */
const EDITS: readonly { name: string; variant: RegExp; make: (b: Buffer) => Promise<Buffer> }[] = [
  { name: 'a grey border of 10 %', variant: /^(trim|region:band)$/, make: (b) => bordered(b, '#808080') },
  // The bridge's pale sky runs into a white border, so the region differs; the band still sees the bridge.
  { name: 'a white border of 10 %', variant: /^(trim|region:band)$/, make: (b) => bordered(b, '#ffffff') },
  { name: 'black letterbox bars', variant: /^trim$/, make: async (b) => { const { height } = await size(b); return jpeg(sharp(b).extend({ top: Math.round(height * 0.15), bottom: Math.round(height * 0.15), background: '#000000' })); } },
  { name: 'a centre crop keeping 90 %', variant: /^window:centre-0\.9$/, make: async (b) => { const { width, height } = await size(b); return jpeg(sharp(b).extract({ left: Math.round(width * 0.05), top: Math.round(height * 0.05), width: Math.round(width * 0.9), height: Math.round(height * 0.9) })); } },
  { name: 'a centre crop keeping 75 %', variant: /^window:centre-0\.75$/, make: async (b) => { const { width, height } = await size(b); return jpeg(sharp(b).extract({ left: Math.round(width * 0.125), top: Math.round(height * 0.125), width: Math.round(width * 0.75), height: Math.round(height * 0.75) })); } },
  {
    name: 'a caption bar with text added on top',
    variant: /^trim$/,
    make: async (b) => {
      const { width, height } = await size(b);
      const bar = Math.round(height * 0.18);
      const text = await sharp(svg(width, bar, `<rect width="${width}" height="${bar}" fill="white"/><text x="${width * 0.03}" y="${bar * 0.6}" font-family="DejaVu Sans" font-weight="bold" font-size="${bar / 3}" fill="black">BREAKING: share before it is gone</text>`)).png().toBuffer();
      return jpeg(sharp(b).extend({ top: bar, background: '#ffffff' }).composite([{ input: text, left: 0, top: 0 }]));
    },
  },
  { name: 'meme captions over the top and bottom of the picture', variant: /^(region:band)?$/, make: memeCaptions },
  // Mirror and captions together: found through the band of the mirrored form, within its tighter limit (pdq-multi-evidence.ts).
  { name: 'a mirror with meme captions over it', variant: /^dihedral:mirror(\+region:band)?$/, make: async (b) => memeCaptions(await jpeg(sharp(b).flop())) },
  { name: 'a left-right mirror', variant: /^dihedral:mirror$/, make: (b) => jpeg(sharp(b).flop()) },
  { name: 'a quarter turn clockwise', variant: /^dihedral:rot90$/, make: (b) => jpeg(sharp(b).rotate(90)) },
  { name: 'a quarter turn anticlockwise', variant: /^dihedral:rot270$/, make: (b) => jpeg(sharp(b).rotate(270)) },
  { name: 'a mirror of a crop', variant: /^dihedral:mirror\+window:centre-0\.9$/, make: async (b) => { const { width, height } = await size(b); return jpeg(sharp(b).extract({ left: Math.round(width * 0.05), top: Math.round(height * 0.05), width: Math.round(width * 0.9), height: Math.round(height * 0.9) }).flop()); } },
];

describe('pdq_multi on real photographs', () => {
  let matcher: ListMatcher;
  // The labelme photographs of the PDQ vectors (samples/images/unrelated-*.jpg are two of them).
  const unrelated: Buffer[] = readdirSync(labelme).sort().map((f) => readFileSync(join(labelme, f)));

  before(async () => {
    const known = [ORIGINAL, ...unrelated];
    const values = await Promise.all(known.map(async (b) => (await multi(b)).value));
    matcher = new ListMatcher(registry, values.map((value, i) => ({ type: 'pdq_multi', value, label: i === 0 ? 'perpetrator_content' : undefined }) as never));
  });

  const matchOf = async (bytes: Buffer): Promise<ListMatch[]> => {
    const s = await multi(bytes);
    return matcher.match({ type: 'pdq_multi', value: s.value, ...(s.alternates ? { alternates: s.alternates } : {}) });
  };

  for (const edit of EDITS) {
    test(`${edit.name} matches the original, and says how`, async () => {
      const matches = await matchOf(await edit.make(ORIGINAL));
      assert.equal(matches.length, 1, JSON.stringify(matches));
      assert.equal(matches[0]!.label, 'perpetrator_content');
      assert.ok(matches[0]!.distance <= pdqMultiSignal.threshold);
      assert.match(matches[0]!.variant ?? '', edit.variant);
      if (/^(dihedral:[a-z0-9]+|trim:exact)\+region:band$/.test(matches[0]!.variant ?? '')) assert.ok(matches[0]!.distance <= ALTERNATE_BAND_THRESHOLD);
    });
  }

  test('the content region of a bordered copy is the picture inside the border', async () => {
    const s = await multi(await bordered(ORIGINAL, '#808080'));
    const region = s.details!.region as { x: number; y: number; width: number; height: number };
    // The border is 1/12 of the new width and height on each side.
    for (const [got, want] of [[region.x, 1 / 12], [region.y, 1 / 12], [region.width, 10 / 12], [region.height, 10 / 12]] as const) assert.ok(Math.abs(got - want) < 0.01, JSON.stringify(region));
    assert.ok(parseMultiValue(s.value).ok && s.value.includes('.r:'));
  });

  test('a photograph whose top is a smooth sky, given a border, is found through its exact region', async () => {
    // The loose region of the copy takes the sky with the border, the known photo's does not: they disagree. The exact region is the photo.
    const { width, height } = await size(ORIGINAL);
    const sky = svg(width, Math.round(height * 0.4), `<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#1c2a4a"/><stop offset="1" stop-color="#2e4470"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>`);
    const photo = await jpeg(sharp(ORIGINAL).composite([{ input: sky, left: 0, top: 0 }]));
    const copy = await bordered(photo, '#c81e28');
    const known = await multi(photo);
    const query = await multi(copy);
    const exact = query.alternates!.find((a) => a.name === 'trim:exact');
    assert.ok(exact, JSON.stringify(query.alternates!.map((a) => a.name)));
    // The loose region lost the sky with the border; the exact one is the photo, as the known image's whole `f` is.
    const loose = query.details!.region as { y: number; height: number };
    assert.ok(loose.y > 0.3, JSON.stringify(loose));
    const f = parseMultiValue(known.value);
    assert.ok(f.ok);
    assert.ok(pdqMultiSignal.distance(exact.value, `f:${f.value.slots.get('f')}`) <= 16);
    // Unrelated photographs stay unrelated through it.
    for (const bytes of unrelated) assert.ok(pdqMultiSignal.distance(exact.value, (await multi(bytes)).value) > pdqMultiSignal.threshold);
  });

  test('unrelated photographs match only themselves', async () => {
    for (const [i, bytes] of unrelated.entries()) {
      const matches = await matchOf(bytes);
      assert.equal(matches.length, 1, `unrelated #${i}: ${JSON.stringify(matches)}`);
      assert.equal(matches[0]!.distance, 0);
      assert.equal(matches[0]!.label, undefined);
    }
  });

  test('the plain pdq value is still computed beside it, unchanged', async () => {
    const pdq = await registry.get('pdq').hash!(new ContentSource(ORIGINAL, ports), {});
    assert.ok(!isSkipped(pdq));
    assert.match(pdq.value, /^[0-9a-f]{64}$/);
  });

  test('a value lists the whole image first and only the slots it has; the region is reported', async () => {
    const s = await multi(ORIGINAL);
    const parsed = parseMultiValue(s.value);
    assert.ok(parsed.ok);
    assert.equal([...parsed.value.slots.keys()][0], 'f');
    assert.equal(parsed.value.value, s.value);
    assert.ok(s.matchable);
    assert.deepEqual(Object.keys(s.details!.region as object), ['x', 'y', 'width', 'height']);
    assert.deepEqual(s.alternates!.map((a) => a.name), ['dihedral:mirror', 'dihedral:flip', 'dihedral:rot180', 'dihedral:rot90', 'dihedral:rot270', 'dihedral:transpose', 'dihedral:antitranspose']);
  });
});

describe('pdq_multi values', () => {
  const h = (c: string) => c.repeat(64);
  test('validation puts slots in canonical order and lower case, and rejects unknown or repeated slots', () => {
    assert.deepEqual(pdqMultiSignal.validate(` B:${h('A')}.F:${h('b')} `), { ok: true, value: `f:${h('b')}.b:${h('a')}` });
    for (const bad of [`c90:${h('a')}`, `f:${h('a')}.q:${h('a')}`, `f:${h('a')}.f:${h('b')}`, `f:${h('a')} b:${h('a')}`]) {
      const res = pdqMultiSignal.validate(bad);
      assert.equal(res.ok, false, bad);
      if (!res.ok) assert.equal(res.code, 'SIGNAL_VALUE_INVALID');
    }
  });

  test('windows are compared with the other side\'s whole image, never with its windows', () => {
    const a = `f:${h('0')}.tl:${h('f')}`;
    const b = `f:${h('8')}.tl:${h('f')}`;
    const c = `f:${h('f')}`;
    assert.equal(pdqMultiSignal.distance(a, b), 64);
    assert.equal(pdqMultiSignal.distance(a, c), 0);
    assert.equal(pdqMultiSignal.distance(c, a), 0);
  });
});
