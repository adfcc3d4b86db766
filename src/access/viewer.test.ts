import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maySee, SELF_VIEWER, type Viewer } from './viewer.js';

const key: Viewer = { kind: 'partner-key', partnerId: 'p-eu', sharingGroups: ['eu'] };
const node: Viewer = { kind: 'partner-node', partnerId: 'p-eu', sharingGroups: ['eu'] };
const outsider: Viewer = { kind: 'partner-key', partnerId: 'p-x', sharingGroups: [] };
const signal = (distribution: string, more: { contributor?: string; receivedFrom?: string | null } = {}) =>
  ({ distribution, contributor: 'self-node', receivedFrom: null, ...more }) as Parameters<typeof maySee>[0];

test('every level: who sees it, through the API and through an export', () => {
  const table: [string, boolean, boolean, boolean, boolean][] = [
    // level, own key (read), own key (export), partner in eu (key or node), partner in no group
    ['local', true, false, false, false],
    ['group:eu', true, true, true, false],
    ['group:other', true, true, false, false],
    ['partners', true, true, true, true],
    ['network', true, true, true, true],
    ['nonsense', true, false, false, false],
  ];
  for (const [level, ownRead, ownExport, inGroup, none] of table) {
    assert.equal(maySee(signal(level), SELF_VIEWER, 'read'), ownRead, `${level} → own key, read`);
    assert.equal(maySee(signal(level), SELF_VIEWER, 'export'), ownExport, `${level} → own key, export`);
    for (const purpose of ['read', 'export'] as const) {
      assert.equal(maySee(signal(level), key, purpose), inGroup, `${level} → partner key in eu, ${purpose}`);
      assert.equal(maySee(signal(level), node, purpose), inGroup, `${level} → partner node in eu, ${purpose}`);
      assert.equal(maySee(signal(level), outsider, purpose), none, `${level} → partner in no group, ${purpose}`);
    }
  }
});

test('a partner sees, at any level, the signals it contributed or sent us, and no one else does', () => {
  for (const more of [{ contributor: 'p-eu' }, { receivedFrom: 'p-eu' }]) {
    assert.equal(maySee(signal('local', more), key), true);
    assert.equal(maySee(signal('group:other', more), node, 'export'), true);
    assert.equal(maySee(signal('local', more), outsider), false);
  }
});
