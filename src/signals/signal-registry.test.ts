import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultRegistry } from './default-registry.js';

test('looks types up by wire name and rejects unknown types with a code', () => {
  const registry = defaultRegistry();
  assert.equal(registry.get('pdq').name, 'pdq');
  const unknown = registry.lookup('tmk');
  assert.equal(unknown.ok, false);
  if (!unknown.ok) {
    assert.equal(unknown.code, 'SIGNAL_TYPE_UNKNOWN');
    assert.match(unknown.message, /pdq, pdq_multi, vpdq, audio_chromaprint, md5, sha256, text_sha256/);
  }
});

test('offers the hashers that apply to a content type, and none for unknown bytes', () => {
  const registry = defaultRegistry();
  assert.deepEqual(registry.hashersFor('photo').map((t) => t.name), ['pdq', 'pdq_multi', 'md5', 'sha256']);
  assert.deepEqual(registry.hashersFor('url').map((t) => t.name), ['url', 'url_sha256', 'url_md5', 'domain']);
  assert.deepEqual(registry.hashersFor('text').map((t) => t.name), ['text_sha256', 'text_minhash']);
  assert.deepEqual(registry.hashersFor('file').map((t) => t.name), ['md5', 'sha256']);
});
