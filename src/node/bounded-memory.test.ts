import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { multipart } from '../api/api-test-node.test-helper.js';
import { bombPng } from '../cli/cli-fixtures.test-helper.js';
import { waitFor } from '../testing/federation-nodes.js';
import { declaredHugeJpeg } from '../testing/hostile-media.js';
import { NodeProcess } from '../testing/node-process.js';
import { SKIP_NO_FFMPEG, TEST_FFMPEG } from '../testing/test-ffmpeg.js';

const MB = 1024 * 1024;
/** The ceiling the issue sets for a node under eight concurrent hostile requests. */
const PEAK_LIMIT = 1024 * MB;
/**
 * How far above its warmed-up size the node may stay once a burst is over. Freed pages do
 * not all go back to the system at once (glibc keeps some arenas, V8 keeps some heap), so
 * "back near the start" means within this margin after a settle period, polled.
 */
const SETTLE_MARGIN = 200 * MB;
const SETTLE_MS = 30_000;

/** Resident and peak resident memory of a process (Linux /proc), in bytes. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1]) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** A tiny H.264 file that decodes to eight 4096×4096 frames (50 MB each as raw RGB): most of the work is in ffmpeg. */
function videoBomb(): Buffer {
  const out = join(mkdtempSync(join(tmpdir(), 'concord-bomb-')), 'bomb.mp4');
  execFileSync(TEST_FFMPEG!, ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=black:s=4096x4096:r=1:d=8', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-y', out]);
  return readFileSync(out);
}

describe('a node under eight concurrent hostile uploads', { skip: process.platform !== 'linux' && 'reads /proc' }, () => {
  let node: NodeProcess;
  let key: string;
  let start: number;
  const fixtures: Record<string, Buffer> = {};

  before(async () => {
    fixtures.jpeg = await declaredHugeJpeg();
    fixtures.png = bombPng();
    if (!SKIP_NO_FFMPEG) fixtures.video = videoBomb();
    fixtures.big = Buffer.alloc(100 * MB, 0x5a);
    const dataDir = mkdtempSync(join(tmpdir(), 'concord-memory-'));
    writeFileSync(join(dataDir, 'limits.json'), JSON.stringify({ decodeConcurrency: 2, decodeQueue: 8, uploadBudgetBytes: 256 * MB }));
    node = await NodeProcess.start(dataDir, ['--config', join(dataDir, 'limits.json')]);
    key = node.adminKey();
    // Warm up what loads on first use (sharp, the PDF reader, ffmpeg) before taking the baseline.
    const warm = multipart(readFileSync(join(process.cwd(), 'samples', 'images', 'bridge-original.jpg')), 'warm.jpg');
    assert.equal((await post(warm)).status, 200);
    start = memoryOf(node.pid!).rss;
  });
  after(async () => node?.kill());

  async function post(body: { payload: Buffer; headers: Record<string, string> }, path = '/v1/hash'): Promise<{ status: number; code?: string }> {
    try {
      const res = await fetch(`${node.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, ...body.headers }, body: body.payload });
      const json = (await res.json()) as { error?: { code: string } };
      return { status: res.status, code: json.error?.code };
    } catch (err) {
      return { status: 0, code: `connection: ${(err as Error).message}` };
    }
  }

  /** Sends eight at once; returns what each got and the node's peak resident memory. */
  async function burst(files: Buffer[], path?: string, fields: Record<string, string> = {}): Promise<Array<{ status: number; code?: string }>> {
    const results = await Promise.all(files.map((f, i) => post(multipart(f, `hostile-${i}`, fields), path)));
    const { peak } = memoryOf(node.pid!);
    process.stdout.write(`# peak RSS ${(peak / MB).toFixed(0)} MB, start ${(start / MB).toFixed(0)} MB\n`);
    assert.ok(peak < PEAK_LIMIT, `peak RSS ${(peak / MB).toFixed(0)} MB`);
    return results;
  }

  async function settles(): Promise<void> {
    const ms = await waitFor(`RSS back within ${SETTLE_MARGIN / MB} MB of ${(start / MB).toFixed(0)} MB`, async () => memoryOf(node.pid!).rss < start + SETTLE_MARGIN, SETTLE_MS);
    process.stdout.write(`# settled to ${(memoryOf(node.pid!).rss / MB).toFixed(0)} MB in ${ms} ms\n`);
  }

  test('JPEGs whose headers declare 9500×9500 are refused before decoding', async () => {
    const results = await burst(Array(8).fill(fixtures.jpeg));
    assert.deepEqual(new Set(results.map((r) => r.code)), new Set(['MEDIA_IMPLAUSIBLE_SIZE']));
    await settles();
  });

  test('PNG bombs are refused by the pixel limit', async () => {
    const results = await burst(Array(8).fill(fixtures.png));
    assert.deepEqual(new Set(results.map((r) => r.code)), new Set(['MEDIA_TOO_MANY_PIXELS']));
    await settles();
  });

  test('100 MB uploads to a bank: those over the upload budget are refused with 503, the rest as too long a text, none is stored', async () => {
    const bank = await node.call('POST', '/v1/banks', key, { name: 'uploads' });
    const results = await burst(Array(8).fill(fixtures.big), `/v1/banks/${bank.json.id}/content`, { label: 'perpetrator_content', reason: 'upload burst' });
    const codes = results.map((r) => r.code);
    // 256 MB admits two 100 MB uploads at a time; they are refused after reading, as text over the limit.
    assert.ok(codes.filter((c) => c === 'UPLOAD_BUDGET_EXCEEDED').length >= 4, codes.join(', '));
    for (const r of results) assert.ok((r.status === 503 && r.code === 'UPLOAD_BUDGET_EXCEEDED') || (r.status === 413 && r.code === 'TEXT_TOO_LONG'), `${r.status} ${r.code}`);
    const sha256 = createHash('sha256').update(fixtures.big).digest('hex');
    const stored = await node.call('POST', '/v1/match', key, { signals: [{ type: 'sha256', value: sha256 }] });
    assert.deepEqual(stored.json.results[0].matches, [], 'nothing of the upload was stored');
    await settles();
  });

  test('video bombs decode in ffmpeg, outside the node, under the decode limit', { skip: SKIP_NO_FFMPEG }, async () => {
    const results = await burst(Array(8).fill(fixtures.video));
    for (const r of results) assert.ok(r.status === 200 || r.code === 'BUSY', `${r.status} ${r.code}`);
    await settles();
  });

  test('a mixed burst of all four, and the node still answers a normal request after', async () => {
    const video = fixtures.video ?? fixtures.jpeg;
    await burst([fixtures.jpeg, fixtures.png, fixtures.big, video, fixtures.jpeg, fixtures.png, fixtures.big, video]);
    await settles();
    const health = await fetch(`${node.url}/healthz`);
    assert.equal(health.status, 200);
  });
});
