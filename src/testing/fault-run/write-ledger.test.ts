import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allowedStates, stateAfter, WriteLedger } from './write-ledger.js';

describe('write ledger', () => {
  test('the contributor’s latest opinion decides the status; a confirmation marks the signal reviewed', () => {
    assert.deepEqual(stateAfter([{ kind: 'add' }, { kind: 'opinion', opinion: 'disputed' }, { kind: 'opinion', opinion: 'seen' }]), { exists: true, status: 'disputed', reviewed: false, opinions: 2 });
    assert.deepEqual(stateAfter([{ kind: 'add' }, { kind: 'opinion', opinion: 'disputed' }, { kind: 'opinion', opinion: 'confirmed' }]), { exists: true, status: 'active', reviewed: true, opinions: 2 });
  });

  test('a retraction is final', () => {
    assert.equal(stateAfter([{ kind: 'add' }, { kind: 'retract' }, { kind: 'opinion', opinion: 'confirmed' }]).status, 'retracted');
  });

  test('a write without an answer allows the state before and after it, and freezes the signal', () => {
    const ledger = new WriteLedger();
    const [s] = ledger.trackBatch([{ value: 'v', distribution: 'partners' }]);
    ledger.acknowledged(s!, { kind: 'add' }, 1);
    assert.deepEqual(ledger.writable(), [s]);
    ledger.unanswered(s!, { kind: 'retract' });
    assert.deepEqual(allowedStates(s!).map((x) => x.status), ['active', 'retracted']);
    assert.deepEqual(ledger.writable(), []);
  });

  test('an add without an answer allows absent or stored; a refused add only absent', () => {
    const ledger = new WriteLedger();
    const [lost, refused] = [...ledger.trackBatch([{ value: 'a', distribution: 'local' }]), ...ledger.trackBatch([{ value: 'b', distribution: 'local' }])];
    ledger.unanswered(lost!, { kind: 'add' });
    ledger.notStored(refused!);
    assert.deepEqual(allowedStates(lost!).map((x) => x.exists), [false, true]);
    assert.deepEqual(allowedStates(refused!).map((x) => x.exists), [false]);
    assert.equal(ledger.acknowledgedWrites(), 0);
  });
});
