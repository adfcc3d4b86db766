import { hammingHex } from './hash256.js';
import { flipHexBits, randomHashHex } from './hash256-random.js';
import { runIndexContract } from './index-contract.case.js';
import { LinearSignalIndex } from './linear-signal-index.js';

runIndexContract({
  name: 'LinearSignalIndex (hamming over hex)',
  create: () => new LinearSignalIndex(hammingHex),
  distance: hammingHex,
  randomValue: randomHashHex,
  neighbour: (value, k, rng) => flipHexBits(rng, value, k),
  distances: [0, 1, 5, 31, 63, 64, 256],
});

runIndexContract({
  name: 'LinearSignalIndex (exact strings)',
  create: () => new LinearSignalIndex((a, b) => (a === b ? 0 : 1)),
  distance: (a, b) => (a === b ? 0 : 1),
  randomValue: (rng) => `v${rng.below(1000)}`,
  distances: [0],
});
