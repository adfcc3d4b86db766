import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../util/package-root.js';
import type { CliIo } from './cli-io.js';
import { ExitCode } from './exit-codes.js';

/** Benchmarks live in bench/ (compiled to dist/bench/); the CLI runs one as its own process. */
export const BENCHES = ['pdq', 'index', 'api', 'text', 'audio', 'video', 'robustness', 'media', 'monitor'] as const;

export async function benchCommand(io: CliIo, which: string, args: readonly string[]): Promise<ExitCode> {
  const script = join(packageRoot(), 'dist', 'bench', `bench-${which}.js`);
  if (!(BENCHES as readonly string[]).includes(which) || !existsSync(script)) {
    io.err(`USAGE_INVALID: unknown benchmark "${which}"; choose one of: ${BENCHES.join(', ')}`);
    return ExitCode.USAGE;
  }
  // The index and API benches hold 10M hashes: give them the heap they need.
  const child = spawn(process.execPath, ['--max-old-space-size=16384', script, ...args], { stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return code === 0 ? ExitCode.OK : ExitCode.INTERNAL;
}
