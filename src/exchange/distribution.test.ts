import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mayLeaveTowards, oneHopLess } from './distribution.js';

const partner = { isSelf: false, sharingGroups: ['eu'] };
const outsider = { isSelf: false, sharingGroups: [] };
const self = { isSelf: true, sharingGroups: [] };

test('every level: who may receive it', () => {
  const table: [string, boolean, boolean, boolean][] = [
    // level, partner in group eu, partner in no group, the node's own export tools
    ['local', false, false, false],
    ['group:eu', true, false, true],
    ['group:gifct', false, false, true],
    ['partners', true, true, true],
    ['network', true, true, true],
    ['nonsense', false, false, false],
  ];
  for (const [level, inGroup, none, own] of table) {
    assert.equal(mayLeaveTowards(level, partner), inGroup, `${level} → partner in eu`);
    assert.equal(mayLeaveTowards(level, outsider), none, `${level} → partner in no group`);
    assert.equal(mayLeaveTowards(level, self), own, `${level} → own tools`);
  }
});

test('a received signal is one hop less shareable', () => {
  assert.equal(oneHopLess('network'), 'partners');
  assert.equal(oneHopLess('partners'), 'local');
  assert.equal(oneHopLess('group:eu'), 'local');
  assert.equal(oneHopLess('local'), 'local');
});
