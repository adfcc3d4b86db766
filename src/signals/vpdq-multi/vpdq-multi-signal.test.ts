import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ContentSource } from '../content-source.js';
import { isSkipped, type HashedSignal } from '../signal-type.js';
import { ffmpegOutput, SKIP_NO_FFMPEG, videoPorts } from '../vpdq/vpdq-fixtures.test-helper.js';
import { VPDQ_THRESHOLD, vpdqSignal } from '../vpdq/vpdq-signal.js';
import { DENSE_VARIANT, VPDQ_MULTI_THRESHOLD, vpdqMultiSignal } from './vpdq-multi-signal.js';
import { parseMultiFrames } from './vpdq-multi-value.js';

/** A 12 s, 25 frames/s MP4 without sound of the lavfi source `pattern`, moving all the time. */
const source = (pattern: string) =>
  ffmpegOutput(['-f', 'lavfi', '-i', `${pattern}=s=480x270:r=25`, '-t', '12', '-an', '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '23', '-pix_fmt', 'yuv420p', '-movflags', 'frag_keyframe+empty_moov', '-f', 'mp4']);

/** The video re-encoded by ffmpeg through `filter` (MP4, h264, no sound: found from its frames or not at all). */
const edited = (video: Uint8Array, filter: string) =>
  ffmpegOutput(['-i', 'pipe:0', '-vf', filter, '-an', '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '23', '-pix_fmt', 'yuv420p', '-movflags', 'frag_keyframe+empty_moov', '-f', 'mp4'], video);

async function hash(type: typeof vpdqMultiSignal, bytes: Uint8Array): Promise<HashedSignal> {
  const r = await type.hash!(new ContentSource(bytes, videoPorts()), {});
  assert.ok(!isSkipped(r), JSON.stringify(r));
  return r;
}

/** What a node's match does: the value and every alternate through the type's index; the nearest hit per known id, with how it matched. */
function lookup(type: typeof vpdqMultiSignal, known: string, query: HashedSignal): { distance: number; how: string }[] {
  const index = type.createIndex();
  index.add(1, known);
  const hits: { distance: number; how: string }[] = [];
  for (const { name, value } of [{ name: 'value', value: query.value }, ...(query.alternates ?? [])]) {
    for (const hit of index.search(value, type.threshold)) hits.push({ distance: hit.distance, how: [name, hit.variant].filter(Boolean).join('+') });
  }
  return hits.sort((a, b) => a.distance - b.distance);
}

describe('vpdq_multi finds edited copies of a video from its frames alone', { skip: SKIP_NO_FFMPEG }, () => {
  let original: Buffer;
  let known: HashedSignal;
  before(async () => {
    original = source('testsrc2');
    known = await hash(vpdqMultiSignal, original);
  });

  test('the value holds about a frame a second with centre windows; the dense lookup every frame', () => {
    const frames = parseMultiFrames(known.value);
    assert.ok(frames.ok);
    assert.equal(frames.value.length, 12);
    assert.deepEqual(frames.value.map((f) => f.ms), Array.from({ length: 12 }, (_, i) => i * 1000));
    assert.ok(frames.value.every((f) => f.slots.some((s) => s.slot === 'c80')));
    assert.deepEqual(known.alternates?.map((a) => a.name), [DENSE_VARIANT, 'dihedral:mirror']);
    const dense = parseMultiFrames(known.alternates![0]!.value);
    assert.ok(dense.ok);
    assert.equal(dense.value.length, 300);
    assert.deepEqual(vpdqMultiSignal.validate(known.value), { ok: true, value: known.value });
  });

  test('a centre crop keeping 80 % of each side is found through the known frames\' 80 % window', async () => {
    const cropped = await hash(vpdqMultiSignal, edited(original, 'crop=iw*0.8:ih*0.8'));
    const hits = lookup(vpdqMultiSignal, known.value, cropped);
    assert.ok(hits.length > 0, 'found');
    assert.ok(hits[0]!.distance <= VPDQ_MULTI_THRESHOLD);
    assert.match(hits[0]!.how, /window:centre-0\.8/);
    // Plain vPDQ loses it: the crop is a different picture to a whole-frame hash.
    const plainKnown = await hash(vpdqSignal, original);
    const plainCrop = await hash(vpdqSignal, edited(original, 'crop=iw*0.8:ih*0.8'));
    assert.ok(vpdqSignal.distance(plainCrop.value, plainKnown.value) > VPDQ_THRESHOLD);
  });

  test('a copy played 1.25× as fast is found through the dense lookup', async () => {
    const faster = await hash(vpdqMultiSignal, edited(original, 'setpts=PTS/1.25'));
    const hits = lookup(vpdqMultiSignal, known.value, faster);
    assert.ok(hits.length > 0, 'found');
    assert.equal(hits[0]!.how, DENSE_VARIANT);
    // The once-a-second value alone samples instants a quarter second off the known ones.
    assert.ok(vpdqMultiSignal.distance(faster.value, known.value) > VPDQ_MULTI_THRESHOLD);
  });

  test('a watermarked copy (logo box, channel name) is found through both frames\' centre 70 %', async () => {
    // At the bench's 640×360, where the boxes sit outside the centre 70 % as a corner logo and a lower-third caption do.
    const overlay = "scale=640:360,drawbox=x=12:y=12:w=70:h=70:color=red@0.6:t=fill,drawbox=x=iw-230:y=ih-56:w=218:h=40:color=black@0.5:t=fill,drawbox=x=iw-222:y=ih-48:w=150:h=20:color=white@0.85:t=fill";
    const marked = await hash(vpdqMultiSignal, edited(original, overlay));
    const hits = lookup(vpdqMultiSignal, known.value, marked);
    assert.ok(hits.length > 0, 'found');
    assert.ok(hits[0]!.distance <= VPDQ_MULTI_THRESHOLD);
    assert.match(hits[0]!.how, /window:inner-0\.7/);
  });

  test('an unrelated moving video matches through no lookup', async () => {
    const other = await hash(vpdqMultiSignal, source('life'));
    assert.deepEqual(lookup(vpdqMultiSignal, known.value, other), []);
    const otherCropped = await hash(vpdqMultiSignal, edited(source('life'), 'crop=iw*0.8:ih*0.8'));
    assert.deepEqual(lookup(vpdqMultiSignal, known.value, otherCropped), []);
  });
});
