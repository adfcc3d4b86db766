import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseNodeConfig } from '../config/node-config.js';
import { openStore } from '../node/open-store.js';
import { ApiKeyCache, KEY_CACHE_MS } from './api-key-cache.js';

async function storeWithKey() {
  const store = await openStore(parseNodeConfig({ dataDir: mkdtempSync(join(tmpdir(), 'concord-keycache-')) }));
  const actor = { partner: 'p-self', keyId: null };
  await store.createPartner({ id: 'p-self', name: 'Self', kind: 'self' }, actor);
  await store.createApiKey({ id: 'k1', partnerId: 'p-self', keyHash: 'h1', roles: ['matcher'], purpose: '' }, actor);
  return { store, revoke: () => store.revokeApiKey('k1', actor) };
}

test('reuses a lookup for under a second, then sees a revocation made elsewhere', async () => {
  let now = 0;
  const { store, revoke } = await storeWithKey();
  const cache = new ApiKeyCache(store, () => now);
  assert.ok(KEY_CACHE_MS < 1000, 'the cache lifetime plus one lookup fits in the promised second');
  assert.equal((await cache.find('h1'))!.revokedAt, null);
  await revoke();
  now = KEY_CACHE_MS - 1;
  assert.equal((await cache.find('h1'))!.revokedAt, null, 'still the cached answer');
  now = KEY_CACHE_MS;
  assert.notEqual((await cache.find('h1'))!.revokedAt, null, 'seen once the cached answer expires');
  assert.equal(await cache.find('nope'), undefined);
  await store.close();
});

test('invalidate() makes the very next lookup read the store', async () => {
  const { store, revoke } = await storeWithKey();
  const cache = new ApiKeyCache(store, () => 0);
  assert.equal((await cache.find('h1'))!.revokedAt, null);
  await revoke();
  cache.invalidate();
  assert.notEqual((await cache.find('h1'))!.revokedAt, null);
  await store.close();
});
