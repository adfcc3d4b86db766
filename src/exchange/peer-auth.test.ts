import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PartnerRecord } from '../store/store.js';
import { NodeKey } from './node-key.js';
import { signRequest, verifyPeerRequest } from './peer-auth.js';

const key = NodeKey.generate();
const partner: PartnerRecord = { id: 'node-b', name: 'B', kind: 'partner', url: 'http://127.0.0.1:1', publicKey: key.publicKey, sharingGroups: [], createdAt: '' };
const lookup = async (id: string) => (id === 'node-b' ? partner : undefined);
const code = async (p: Promise<unknown>) => p.then(() => 'ok', (e: { code: string; message: string }) => `${e.code}: ${e.message}`);

test('a request signed with the registered key is the partner', async () => {
  const header = signRequest(key, 'node-b', 'node-a', 'GET', '/v1/feed?after=3');
  assert.equal((await verifyPeerRequest(header, 'GET', '/v1/feed?after=3', 'node-a', lookup)).id, 'node-b');
});

test('wrong audience, path, key, time, or an unknown node are refused', async () => {
  const now = Date.now();
  const header = signRequest(key, 'node-b', 'node-a', 'GET', '/v1/feed?after=3', now);
  assert.match(await code(verifyPeerRequest(header, 'GET', '/v1/feed?after=3', 'node-c', lookup)), /PEER_AUTH_INVALID: the signature/);
  assert.match(await code(verifyPeerRequest(header, 'GET', '/v1/feed?after=0', 'node-a', lookup)), /PEER_AUTH_INVALID: the signature/);
  const other = signRequest(NodeKey.generate(), 'node-b', 'node-a', 'GET', '/v1/feed', now);
  assert.match(await code(verifyPeerRequest(other, 'GET', '/v1/feed', 'node-a', lookup)), /PEER_AUTH_INVALID: the signature/);
  assert.match(await code(verifyPeerRequest(header, 'GET', '/v1/feed?after=3', 'node-a', lookup, now + 10 * 60_000)), /stale/);
  const stranger = signRequest(key, 'node-x', 'node-a', 'GET', '/v1/feed', now);
  assert.match(await code(verifyPeerRequest(stranger, 'GET', '/v1/feed', 'node-a', lookup)), /not a registered partner/);
  assert.match(await code(verifyPeerRequest('Bearer ck_x', 'GET', '/v1/feed', 'node-a', lookup)), /must be Concord-Node/);
  assert.match(await code(verifyPeerRequest(undefined, 'GET', '/v1/feed', 'node-a', lookup)), /partner nodes/);
});
