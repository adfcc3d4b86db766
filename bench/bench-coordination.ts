/**
 * bench coordination: the coordination modules' benchmarks in one run, one JSON file.
 * Each part is a function in bench/coordination/ returning its figures.
 *
 *   npm run bench:coordination
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/util/package-root.js';
import { runIncidentPropagation } from './coordination/incident-propagation.js';

async function main(): Promise<void> {
  const results: Record<string, unknown> = { bench: 'coordination', at: new Date().toISOString() };
  results.incidentPropagation = await runIncidentPropagation();
  const out = join(packageRoot(), 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'coordination.json'), JSON.stringify(results, null, 2));
  console.log('wrote bench/results/coordination.json');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
