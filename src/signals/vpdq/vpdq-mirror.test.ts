import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ContentSource } from '../content-source.js';
import { isSkipped, type HashedSignal } from '../signal-type.js';
import { ffmpegOutput, sampleVideo, SKIP_NO_FFMPEG, videoPorts } from './vpdq-fixtures.test-helper.js';
import { VPDQ_MIRROR_VARIANT, VPDQ_THRESHOLD, vpdqSignal } from './vpdq-signal.js';

async function hash(bytes: Uint8Array): Promise<HashedSignal> {
  const r = await vpdqSignal.hash!(new ContentSource(bytes, videoPorts()), {});
  assert.ok(!isSkipped(r));
  return r;
}

/** The video re-encoded by ffmpeg through `filter` (MP4, h264, no sound). */
const edited = (video: Uint8Array, filter: string) =>
  ffmpegOutput(['-i', 'pipe:0', '-vf', filter, '-an', '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '23', '-pix_fmt', 'yuv420p', '-movflags', 'frag_keyframe+empty_moov', '-f', 'mp4'], video);

describe('vpdq mirror variant', { skip: SKIP_NO_FFMPEG }, () => {
  const original = sampleVideo('doorknob-hd-no-bar');

  test('a left–right mirrored copy is found through the dihedral:mirror alternate, not the plain value', async () => {
    const known = await hash(original);
    const mirrored = await hash(edited(original, 'hflip'));
    assert.ok(vpdqSignal.distance(mirrored.value, known.value) > VPDQ_THRESHOLD);
    assert.deepEqual(mirrored.alternates?.map((a) => a.name), [VPDQ_MIRROR_VARIANT]);
    const index = vpdqSignal.createIndex();
    index.add(1, known.value);
    assert.deepEqual(index.search(mirrored.value, VPDQ_THRESHOLD), []);
    const hits = index.search(mirrored.alternates![0]!.value, VPDQ_THRESHOLD);
    assert.equal(hits[0]?.id, 1);
  });

  test('the plain value stays the vPDQ of the frames as they are', async () => {
    const known = await hash(original);
    const again = await hash(edited(original, 'null'));
    assert.ok(vpdqSignal.distance(again.value, known.value) <= VPDQ_THRESHOLD);
    assert.ok(vpdqSignal.distance(again.alternates![0]!.value, known.value) > VPDQ_THRESHOLD);
  });

  test('an unrelated video matches neither plain nor mirrored', async () => {
    const known = await hash(original);
    const other = await hash(sampleVideo('pattern-sd-grey-bar'));
    for (const value of [other.value, ...(other.alternates ?? []).map((a) => a.value)]) assert.ok(vpdqSignal.distance(value, known.value) > VPDQ_THRESHOLD);
  });
});
