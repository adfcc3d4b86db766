import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ffmpegOutput, musicSource } from '../signals/audio-chromaprint/chromaprint-audio.test-helper.js';
import { SKIP_NO_FFMPEG } from '../testing/test-ffmpeg.js';
import { multipart, startTestNode, type TestNode } from './api-test-node.test-helper.js';

/** A 14 s MP4: moving test pattern `pattern` with a music-like soundtrack of `seed` (none when `af` is null), edited by the video filter `vf`. */
const video = (pattern: string, seed: number, vf = 'null', af: string | null = 'anull') =>
  ffmpegOutput([
    '-f', 'lavfi', '-i', `${pattern}=s=320x240:r=15`,
    ...(af === null
      ? ['-filter_complex', `[0:v]${vf},format=yuv420p[v]`, '-map', '[v]']
      : ['-f', 'lavfi', '-i', musicSource(seed), '-filter_complex', `[0:v]${vf},format=yuv420p[v];[1:a]${af}[a]`, '-map', '[v]', '-map', '[a]']),
    '-t', '14', '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '23', '-c:a', 'aac', '-b:a', '96k',
    '-movflags', 'frag_keyframe+empty_moov', '-f', 'mp4',
  ]);

describe('POST /v1/match on uploaded video says how each hit matched', { skip: SKIP_NO_FFMPEG }, () => {
  let t: TestNode;
  let curator: string;
  let matcher: string;
  let bank: number;
  before(async () => {
    t = await startTestNode({ maxFileBytes: 20_000_000 });
    curator = await t.keyFor('curator');
    matcher = await t.keyFor('matcher');
    bank = (await t.call('POST', '/v1/banks', curator, { name: 'variant-bank' })).json.id;
    const body = multipart(video('testsrc2', 31), 'known.mp4', { label: 'perpetrator_content', reason: 'attack video, as first posted' });
    const added = await t.node.app.inject({ method: 'POST', url: `/v1/banks/${bank}/content`, headers: { authorization: `Bearer ${curator}`, ...body.headers }, payload: body.payload });
    assert.equal(added.statusCode, 201, added.body);
    assert.deepEqual(added.json().signals.map((s: { type: string }) => s.type).sort(), ['audio_chromaprint', 'audio_chromaprint_narrowband', 'md5', 'sha256', 'vpdq', 'vpdq_multi']);
  });
  after(async () => t.node.close());

  const match = async (file: Buffer) => {
    const q = multipart(file, 'q.mp4');
    const res = await t.node.app.inject({ method: 'POST', url: '/v1/match', headers: { authorization: `Bearer ${matcher}`, ...q.headers }, payload: q.payload });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().results as { query: { type: string }; matches: { bankId: number; variant?: string }[] }[];
  };
  const variantsOf = (results: Awaited<ReturnType<typeof match>>, type: string) => results.find((r) => r.query.type === type)?.matches.map((m) => m.variant);

  test('a mirrored copy with its soundtrack sped up 1.05×: dihedral:mirror on vpdq, soundtrack on the audio', async () => {
    const results = await match(video('testsrc2', 31, 'hflip', 'atempo=1.05'));
    assert.deepEqual(variantsOf(results, 'vpdq'), ['dihedral:mirror']);
    assert.deepEqual(variantsOf(results, 'audio_chromaprint_narrowband'), ['soundtrack,tempo:1.05']);
  });

  test('a muted copy cropped to 80 %: no soundtrack, plain vpdq loses it, vpdq_multi finds it through the known frames\' 80 % window', async () => {
    const results = await match(video('testsrc2', 31, 'crop=iw*0.8:ih*0.8', null));
    assert.deepEqual(variantsOf(results, 'vpdq'), []);
    assert.equal(results.find((r) => r.query.type === 'audio_chromaprint'), undefined);
    assert.deepEqual(variantsOf(results, 'vpdq_multi'), ['window:centre-0.8']);
  });

  test('a muted copy played 1.25× as fast: vpdq_multi finds it through its dense lookup', async () => {
    const results = await match(video('testsrc2', 31, 'setpts=PTS/1.25', null));
    assert.deepEqual(variantsOf(results, 'vpdq_multi'), ['dense']);
  });

  test('an unrelated video matches nothing', async () => {
    const results = await match(video('life', 32));
    assert.deepEqual(results.flatMap((r) => r.matches), []);
  });
});
