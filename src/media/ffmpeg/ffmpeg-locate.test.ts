import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ConcordError } from '../../errors/concord-error.js';
import { locateFfmpeg } from './ffmpeg-locate.js';

const dir = mkdtempSync(join(tmpdir(), 'concord-locate-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const fake = join(dir, 'ffmpeg');
writeFileSync(fake, '#!/bin/sh\n');
chmodSync(fake, 0o755);
const notExecutable = join(dir, 'not-ffmpeg');
writeFileSync(notExecutable, '');

const missing = (err: unknown) => err instanceof ConcordError && err.code === 'DECODER_MISSING';

test('CONCORD_FFMPEG wins over PATH', () => {
  assert.deepEqual(locateFfmpeg({ CONCORD_FFMPEG: fake, PATH: '/usr/bin' }), { path: fake, source: 'CONCORD_FFMPEG' });
});

test('a CONCORD_FFMPEG that is not an executable file fails with DECODER_MISSING', () => {
  assert.throws(() => locateFfmpeg({ CONCORD_FFMPEG: notExecutable }), (err) => missing(err) && /CONCORD_FFMPEG/.test((err as Error).message));
  assert.throws(() => locateFfmpeg({ CONCORD_FFMPEG: dir }), missing);
});

test('finds ffmpeg on PATH', () => {
  assert.deepEqual(locateFfmpeg({ PATH: ['/nonexistent', dir].join(':') }), { path: fake, source: 'PATH' });
});

test('says how to install ffmpeg when none is found', () => {
  assert.throws(
    () => locateFfmpeg({ PATH: '/nonexistent' }, { npmPackage: false }),
    (err) => missing(err) && /apt-get install ffmpeg/.test((err as Error).message) && /CONCORD_FFMPEG/.test((err as Error).message),
  );
});
