import { dihedralHashes, type PdqDihedral } from '../pdq/pdq-dihedral.js';
import type { SlotHash } from './pdq-multi-hasher.js';
import type { Slot } from './pdq-multi-slots.js';

/** A turn or flip a copy may have undergone (rot90 is a quarter turn clockwise), as the query's `variant` names it (`dihedral:mirror`). */
export interface DihedralOp {
  readonly name: 'mirror' | 'flip' | 'rot90' | 'rot180' | 'rot270' | 'transpose' | 'antitranspose';
  /** Where a point (x, y) of the known image, in [0, 1]², lands in the copy. */
  readonly map: (x: number, y: number) => readonly [number, number];
  /** The `dihedralHashes` entry that undoes the op on the copy's hash. */
  readonly undo: keyof PdqDihedral;
}

// `undo` was measured, not derived: the hash of sharp's flop()/rotate() of real photographs
// against dihedralHashes of the original (the mirror and turn tests in pdq-multi-signal.test.ts keep it so).
export const DIHEDRAL_OPS: readonly DihedralOp[] = [
  { name: 'mirror', map: (x, y) => [1 - x, y], undo: 'flipY' },
  { name: 'flip', map: (x, y) => [x, 1 - y], undo: 'flipX' },
  { name: 'rot180', map: (x, y) => [1 - x, 1 - y], undo: 'rot180' },
  { name: 'rot90', map: (x, y) => [1 - y, x], undo: 'rot90' },
  { name: 'rot270', map: (x, y) => [y, 1 - x], undo: 'rot270' },
  { name: 'transpose', map: (x, y) => [y, x], undo: 'flipMinus1' },
  { name: 'antitranspose', map: (x, y) => [1 - y, 1 - x], undo: 'flipPlus1' },
];

/** The copy's slot that shows what the known image's `slot` shows, or undefined when none does (the band of a turned image). */
export function slotInCopy(op: DihedralOp, slot: Slot): Slot | undefined {
  if (slot === 'b' || slot === 'rb') {
    // The band stays a band when rows stay rows: (0,0) and (1,0) still share a y.
    return op.map(0, 0)[1] === op.map(1, 0)[1] ? slot : undefined;
  }
  return slot;
}

/** Slots whose turned and mirrored forms a query looks up: windows are found through the query's whole image. */
const TURNED_SLOTS: readonly Slot[] = ['f', 'r', 'b', 'rb'];

/**
 * A copy's hashes brought back to the known image's frame, one list per op: slot s of a
 * list is the copy's slot that shows s, with the op undone on its hash. Only the whole
 * image, the content region and the band are turned (TURNED_SLOTS).
 *
 * @example
 *   undoOps(multiHash(image).slots).get('mirror'); // [{ slot: 'f', hash: … }, { slot: 'b', hash: … }]
 */
export function undoOps(copy: readonly SlotHash[]): Map<DihedralOp['name'], { slot: Slot; hash: string }[]> {
  const bySlot = new Map(copy.map((s) => [s.slot, s]));
  const turned = new Map<Slot, PdqDihedral>();
  for (const slot of TURNED_SLOTS) {
    const source = bySlot.get(slot);
    if (source) turned.set(slot, dihedralHashes(source.coefficients));
  }
  const out = new Map<DihedralOp['name'], { slot: Slot; hash: string }[]>();
  for (const op of DIHEDRAL_OPS) {
    const list: { slot: Slot; hash: string }[] = [];
    for (const slot of TURNED_SLOTS) {
      const there = slotInCopy(op, slot);
      const hashes = there ? turned.get(there) : undefined;
      if (hashes) list.push({ slot, hash: hashes[op.undo] });
    }
    out.set(op.name, list);
  }
  return out;
}
