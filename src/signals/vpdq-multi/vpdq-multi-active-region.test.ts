import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ContentSource } from '../content-source.js';
import { isSkipped, type HashedSignal } from '../signal-type.js';
import { ffmpegOutput, SKIP_NO_FFMPEG, videoPorts } from '../vpdq/vpdq-fixtures.test-helper.js';
import { VPDQ_MULTI_THRESHOLD, vpdqMultiSignal } from './vpdq-multi-signal.js';
import { parseMultiFrames } from './vpdq-multi-value.js';

const MP4 = ['-an', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-movflags', 'frag_keyframe+empty_moov', '-f', 'mp4'];

/** A 12 s, 25 frames/s MP4 without sound of the lavfi source `pattern`, moving all the time. */
const source = (pattern: string) => ffmpegOutput(['-f', 'lavfi', '-i', `${pattern}=s=480x270:r=25`, '-t', '12', '-crf', '23', ...MP4]);

/**
 * The video as a screen recorder shows it: scaled to 560×315 inside a static 960×540 app
 * window (title bar, side panels), with temporal noise on every pixel, re-encoded at CRF 26:
 * the robustness bench's screen recording.
 */
const screenRecording = (video: Uint8Array) =>
  ffmpegOutput(
    [
      '-i', 'pipe:0', '-filter_complex',
      'color=c=0x1b1f27:s=960x540:r=25,drawbox=x=0:y=0:w=iw:h=40:color=0x30384a:t=fill,drawbox=x=0:y=40:w=170:h=ih:color=0x262b36:t=fill,' +
        'drawbox=x=740:y=60:w=200:h=460:color=0x262b36:t=fill,drawbox=x=16:y=12:w=150:h=16:color=white@0.8:t=fill[ui];' +
        '[0:v]scale=560:315[small];[ui][small]overlay=x=175:y=110:shortest=1,noise=alls=10:allf=t+u',
      '-crf', '26', ...MP4,
    ],
    video,
  );

async function hash(bytes: Uint8Array): Promise<HashedSignal> {
  const r = await vpdqMultiSignal.hash!(new ContentSource(bytes, videoPorts()), {});
  assert.ok(!isSkipped(r), JSON.stringify(r));
  return r;
}

/** What a node's match does: the value and every alternate through the type's index; the nearest hit, with how it matched. */
function lookup(known: string, query: HashedSignal): { distance: number; how: string }[] {
  const index = vpdqMultiSignal.createIndex();
  index.add(1, known);
  const hits: { distance: number; how: string }[] = [];
  for (const { name, value } of [{ name: 'value', value: query.value }, ...(query.alternates ?? [])]) {
    for (const hit of index.search(value, vpdqMultiSignal.threshold)) hits.push({ distance: hit.distance, how: [name, hit.variant].filter(Boolean).join('+') });
  }
  return hits.sort((a, b) => a.distance - b.distance);
}

const slotsOf = (value: string): string[] => {
  const frames = parseMultiFrames(value);
  assert.ok(frames.ok);
  return [...new Set(frames.value.flatMap((f) => f.slots.map((s) => s.slot)))];
};

describe('vpdq_multi finds a screen recording of a video through the region that moves', { skip: SKIP_NO_FFMPEG }, () => {
  let original: Buffer;
  let known: HashedSignal;
  before(async () => {
    original = source('testsrc2');
    known = await hash(original);
  });

  test('a video that fills its frame has no active region: its value stays a vm1 value', () => {
    assert.match(known.value, /^vm1\./);
    assert.ok(!slotsOf(known.value).includes('a'));
  });

  test('its screen recording in a noisy app window is found through the active region', async () => {
    const recorded = await hash(screenRecording(original));
    const hits = lookup(known.value, recorded);
    assert.ok(hits.length > 0, 'found');
    assert.ok(hits[0]!.distance <= VPDQ_MULTI_THRESHOLD);
    assert.match(hits[0]!.how, /region:active/);
    assert.match(recorded.value, /^vm2\./);
    assert.ok(slotsOf(recorded.value).includes('a'));
    // And the other way round: the screen recording known, the original looked up.
    const back = lookup(recorded.value, known);
    assert.ok(back.length > 0 && back[0]!.distance <= VPDQ_MULTI_THRESHOLD, 'found the other way');
  });

  test('a screen recording of an unrelated video is not found', async () => {
    const other = await hash(screenRecording(source('life')));
    assert.ok(slotsOf(other.value).includes('a'));
    assert.deepEqual(lookup(known.value, other), []);
  });
});

describe('vpdq_multi on a video that hardly moves', { skip: SKIP_NO_FFMPEG }, () => {
  // Colour bars held for 12 s: nothing moves, so no block has enough moving cells for a region.
  const still = () => ffmpegOutput(['-f', 'lavfi', '-i', 'smptebars=s=480x270:r=25', '-t', '12', '-crf', '23', ...MP4]);

  test('a still video gets no active region (vm1) and is still found by its re-encode', async () => {
    const original = still();
    const known = await hash(original);
    assert.match(known.value, /^vm1\./);
    assert.ok(!slotsOf(known.value).includes('a'));
    const reencoded = await hash(ffmpegOutput(['-i', 'pipe:0', '-crf', '34', ...MP4], original));
    const hits = lookup(known.value, reencoded);
    assert.ok(hits.length > 0 && hits[0]!.distance <= VPDQ_MULTI_THRESHOLD, JSON.stringify(hits));
  });

  test('a small moving picture on a still background: the region is the moving part only, and another clip on the same background is not found', async () => {
    // A presenter-like inset (a quarter of the frame) on a still studio background.
    const inset = (pattern: string) =>
      ffmpegOutput(['-f', 'lavfi', '-i', 'smptebars=s=480x270:r=25', '-f', 'lavfi', '-i', `${pattern}=s=240x136:r=25`, '-filter_complex', '[0:v][1:v]overlay=x=120:y=67:shortest=1', '-t', '12', '-crf', '23', ...MP4]);
    const known = await hash(inset('testsrc2'));
    assert.ok(slotsOf(known.value).includes('a'), 'the inset moves, the bars do not');
    const other = await hash(inset('life'));
    assert.deepEqual(lookup(known.value, other), [], 'the shared still background does not make them one video');
  });
});
