import type { CliIo } from './cli-io.js';
import { ExitCode } from './exit-codes.js';

/** Benchmarks live in bench/; the CLI only dispatches to them. */
const BENCHES: Record<string, { module: string; fn: string }> = {
  pdq: { module: '../../bench/bench-pdq.js', fn: 'benchPdq' },
  index: { module: '../../bench/bench-index.js', fn: 'benchIndex' },
};

export async function benchCommand(io: CliIo, which: string, args: readonly string[]): Promise<ExitCode> {
  const bench = BENCHES[which];
  if (!bench) {
    io.err(`USAGE_INVALID: unknown benchmark "${which}"; choose one of: ${Object.keys(BENCHES).join(', ')}`);
    return ExitCode.USAGE;
  }
  const mod = (await import(bench.module)) as Record<string, (argv: readonly string[]) => Promise<unknown>>;
  await mod[bench.fn]!(args);
  return ExitCode.OK;
}
