import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hammingHex } from '../../index/hash256.js';
import { ContentSource } from '../content-source.js';
import { isSkipped, type HashedSignal } from '../signal-type.js';
import { VPDQ_MIN_QUALITY, type VpdqFrame } from './vpdq-frame.js';
import { ffmpegOutput, readLinesFile, readMatchMatrix, SAMPLE_VIDEOS, sampleVideo, SKIP_NO_FFMPEG, TEST_FFMPEG, TEST_LIMITS, videoDecoder, videoPorts, vpdqVector } from './vpdq-fixtures.test-helper.js';
import { hashVideo } from './vpdq-hasher.js';
import { compareVpdq, isVpdqMatch } from './vpdq-match.js';
import { VPDQ_THRESHOLD, vpdqSignal } from './vpdq-signal.js';
import { framesOf } from './vpdq-value.js';

/** The reference's bar for a port with its own decoder: frames of quality ≥ 50 within 22 bits, at the same indices. */
function assertNearReference(ours: readonly VpdqFrame[], reference: readonly VpdqFrame[], at: string): number {
  assert.deepEqual(ours.map((f) => f.index), reference.map((f) => f.index), `${at}: frame indices`);
  let identical = 0;
  ours.forEach((f, i) => {
    const ref = reference[i]!;
    assert.equal(f.timestamp, ref.timestamp, `${at} frame ${f.index}: timestamp`);
    if (f.pdq === ref.pdq) identical++;
    if (ref.quality >= VPDQ_MIN_QUALITY) assert.ok(hammingHex(f.pdq, ref.pdq) <= 22, `${at} frame ${f.index}: ${hammingHex(f.pdq, ref.pdq)} bits`);
  });
  return identical;
}

describe(`vpdq hashing (ffmpeg: ${TEST_FFMPEG})`, { skip: SKIP_NO_FFMPEG }, () => {
  const decoder = videoDecoder();
  const ours = new Map<string, VpdqFrame[]>();

  test('one frame a second (the default) is within 22 bits of ours-ffmpeg5.1/1fps', async () => {
    for (const name of SAMPLE_VIDEOS) {
      const { frames, fps } = await hashVideo(decoder, sampleVideo(name), { secondsPerHash: 1 }, TEST_LIMITS);
      assert.equal(fps, 30);
      const identical = assertNearReference(frames, readLinesFile(vpdqVector('ours-ffmpeg5.1', '1fps', `${name}.txt`)), name);
      // Debian's FFmpeg 5.1 decodes exactly as the reference's FFmpeg 5.1 build.
      assert.equal(identical, frames.length, `${name}: identical frames`);
    }
  });

  test('every frame (secondsPerHash 0) is within 22 bits of ours-ffmpeg5.1/every-frame, and at 128×128 of every-frame-128x128', async () => {
    for (const name of SAMPLE_VIDEOS) {
      const { frames } = await hashVideo(decoder, sampleVideo(name), { secondsPerHash: 0 }, TEST_LIMITS);
      assertNearReference(frames, readLinesFile(vpdqVector('ours-ffmpeg5.1', 'every-frame', `${name}.txt`)), name);
      ours.set(name, frames);
      const small = await hashVideo(decoder, sampleVideo(name), { secondsPerHash: 0, size: 128 }, TEST_LIMITS);
      assertNearReference(small.frames, readLinesFile(vpdqVector('ours-ffmpeg5.1', 'every-frame-128x128', `${name}-128x128.txt`)), `${name} 128×128`);
    }
  });

  test('our own hashes give the match decisions of match-matrix.tsv for every pair of sample videos', () => {
    assert.equal(ours.size, SAMPLE_VIDEOS.length, 'runs after the every-frame test');
    const rows = readMatchMatrix().filter((r) => ours.has(r.query) && ours.has(r.compared));
    assert.equal(rows.length, 16);
    for (const row of rows) {
      const c = compareVpdq(ours.get(row.query)!, ours.get(row.compared)!);
      assert.equal(isVpdqMatch(c), row.isMatch, `${row.query} vs ${row.compared}: q% ${c.queryPercent}`);
      assert.ok(Math.abs(c.queryPercent - row.queryPercent) < 1, `${row.query} vs ${row.compared}: q% ${c.queryPercent} vs ${row.queryPercent}`);
    }
  });

  test('hash() gives the compact value with frames, fps and duration as details', async () => {
    const content = new ContentSource(sampleVideo('doorknob-hd-no-bar'), videoPorts());
    const signal = (await vpdqSignal.hash!(content, {})) as HashedSignal;
    assert.ok(!isSkipped(signal));
    const reference = readLinesFile(vpdqVector('ours-ffmpeg5.1', '1fps', 'doorknob-hd-no-bar.txt'));
    assert.deepEqual(signal.details, { frames: reference, fps: 30, durationSeconds: 4.33 });
    assert.deepEqual(Object.keys((signal.details!.frames as object[])[0]!), ['index', 'quality', 'pdq', 'timestamp']);
    assert.deepEqual(framesOf(signal.value), reference);
    assert.deepEqual(vpdqSignal.validate(signal.value), { ok: true, value: signal.value });
    assert.equal(signal.matchable, true);
    // The decode is shared through the content's memo.
    assert.equal(await vpdqSignal.hash!(content, {}).then((s) => (s as HashedSignal).value), signal.value);
  });

  test('hash() skips a video container that holds only sound, and fails on corrupt bytes', async () => {
    const audio = ffmpegOutput(['-f', 'lavfi', '-i', 'sine=frequency=440:duration=2', '-c:a', 'aac', '-f', 'mp4', '-movflags', 'frag_keyframe+empty_moov']);
    const skipped = await vpdqSignal.hash!(new ContentSource(audio, videoPorts(), { contentType: 'video', format: 'mp4' }), {});
    assert.ok(isSkipped(skipped));
    assert.match(skipped.skipped, /no video stream/);
    const corrupt = sampleVideo('pattern-sd-grey-bar').subarray(0, 3000);
    await assert.rejects(vpdqSignal.hash!(new ContentSource(corrupt, videoPorts()), {}), (err: unknown) => (err as { code?: string }).code === 'MEDIA_CORRUPT');
  });

  test('a 10 s excerpt, rescaled and re-encoded, of the sample videos joined end to end matches them: high q%, low c%', async () => {
    // The samples last 4–7 s, so the known video is all four joined (23 s) at 640×360.
    const fit = 'scale=640:360:force_original_aspect_ratio=decrease,pad=640:360:-1:-1,setsar=1,fps=30';
    const inputs = SAMPLE_VIDEOS.flatMap((name) => ['-i', vpdqVector('videos', `${name}.mp4`)]);
    const chain = SAMPLE_VIDEOS.map((_, i) => `[${i}:v]${fit}[v${i}]`).join(';');
    const joined = ffmpegOutput([...inputs, '-filter_complex', `${chain};[v0][v1][v2][v3]concat=n=4:v=1:a=0[v]`, '-map', '[v]', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-f', 'matroska']);
    const excerpt = (start: number) =>
      ffmpegOutput(['-i', 'pipe:0', '-vf', `trim=start=${start}:duration=10,setpts=PTS-STARTPTS,scale=480:270`, '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '30', '-f', 'matroska'], joined);
    const known = await hashVideo(decoder, joined, { secondsPerHash: 1 }, TEST_LIMITS);
    const clip = await hashVideo(decoder, excerpt(7), { secondsPerHash: 1 }, TEST_LIMITS);
    assert.deepEqual([known.frames.length, clip.frames.length], [23, 10]);
    const c = compareVpdq(clip.frames, known.frames);
    assert.ok(c.queryPercent >= 90, `q% ${c.queryPercent}`);
    assert.ok(c.comparedPercent <= 60, `c% ${c.comparedPercent}`);
    assert.ok(vpdqSignal.distance(encode(clip.frames), encode(known.frames)) <= VPDQ_THRESHOLD);
    assert.ok(vpdqSignal.distance(encode(clip.frames), encode(ours.get('doorknob-hd-no-bar')!)) > VPDQ_THRESHOLD);

    // Cut half a second off the beat, these fast-changing clips share few frames with a
    // once-a-second hash; a known video hashed at every frame still contains them.
    const offBeat = await hashVideo(decoder, excerpt(6.5), { secondsPerHash: 1 }, TEST_LIMITS);
    const dense = await hashVideo(decoder, joined, { secondsPerHash: 0 }, TEST_LIMITS);
    assert.ok(compareVpdq(offBeat.frames, dense.frames).queryPercent >= 80);
  });
});

const encode = (frames: readonly VpdqFrame[]): string => {
  const r = vpdqSignal.validate(frames.map((f) => `${f.index},${f.quality},${f.pdq},${f.timestamp.toFixed(3)}`).join('\n'));
  assert.ok(r.ok);
  return r.value;
};
