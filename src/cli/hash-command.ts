import type { MediaPorts } from '../signals/content-source.js';
import type { SignalRegistry } from '../signals/signal-registry.js';
import type { HashedSignal } from '../signals/signal-type.js';
import type { CliIo } from './cli-io.js';
import { ExitCode } from './exit-codes.js';
import { hashFiles, type FileResult } from './file-hasher.js';
import { walkFiles } from './file-walk.js';
import { progressFor } from './progress.js';
import { formatTable } from './table.js';

export interface HashCommandOptions {
  readonly json: boolean;
  readonly dihedral: boolean;
}

/** `concord hash`: one result per file; failures are reported and the batch goes on. */
export async function hashCommand(
  registry: SignalRegistry,
  ports: MediaPorts,
  io: CliIo,
  paths: readonly string[],
  options: HashCommandOptions,
): Promise<ExitCode> {
  const items = await walkFiles(paths);
  const progress = io.stderrIsTty ? progressFor(items.length) : { tick() {}, stop() {} };
  const rows: string[][] = [];
  let failed = 0;
  await hashFiles(registry, ports, items, { dihedral: options.dihedral }, (result) => {
    progress.tick();
    if (result.kind === 'failed') failed++;
    if (options.json) io.out(JSON.stringify(fileResultJson(result)));
    else rows.push(...fileResultRows(result));
  });
  progress.stop();
  if (!options.json) {
    io.out(formatTable(['path', 'type', 'value', 'quality'], rows));
    io.out(`\n${items.length - failed} hashed, ${failed} failed`);
  }
  return failed > 0 ? ExitCode.INPUT_FAILED : ExitCode.OK;
}

/** The JSON line for one file, as documented in the README. */
export function fileResultJson(result: FileResult): object {
  if (result.kind === 'failed') return { path: result.path, error: result.error.toJSON() };
  return {
    path: result.path,
    contentType: result.contentType,
    signals: result.signals.map(signalJson),
    ...(result.skipped.length ? { skipped: result.skipped } : {}),
  };
}

export function signalJson(s: HashedSignal): object {
  return {
    type: s.type,
    value: s.value,
    ...(s.quality !== undefined ? { quality: s.quality } : {}),
    ...(s.matchable ? {} : { matchable: false }),
    ...s.details,
  };
}

function fileResultRows(result: FileResult): string[][] {
  if (result.kind === 'failed') return [[result.path, 'error', `${result.error.code}: ${result.error.message}`, '']];
  return [
    ...result.signals.map((s) => [
      result.path,
      s.type,
      s.value,
      s.quality === undefined ? '' : `${s.quality}${s.matchable ? '' : ' (too low to match)'}`,
    ]),
    ...result.skipped.map((s) => [result.path, s.type, `(not computed: ${s.skipped})`, '']),
  ];
}
