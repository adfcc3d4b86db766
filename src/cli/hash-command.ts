import type { MediaPorts } from '../signals/content-source.js';
import type { SignalRegistry } from '../signals/signal-registry.js';
import type { HashedSignal } from '../signals/signal-type.js';
import type { CliIo } from './cli-io.js';
import { ExitCode } from './exit-codes.js';
import { gatherInputs, hashInputs, type HashResult, type InputOptions } from './file-hasher.js';
import { walkFiles } from './file-walk.js';
import { progressFor } from './progress.js';
import { formatTable } from './table.js';

export interface HashCommandOptions extends InputOptions {
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
  const inputs = await gatherInputs(walkFiles, paths, options);
  if (inputs.length === 0) {
    io.err('USAGE_INVALID: give files or folders, --text, --text-file or --url');
    return ExitCode.USAGE;
  }
  const progress = io.stderrIsTty ? progressFor(inputs.length) : { tick() {}, stop() {} };
  const rows: string[][] = [];
  let failed = 0;
  await hashInputs(registry, ports, inputs, { dihedral: options.dihedral }, (result) => {
    progress.tick();
    if (result.kind === 'failed') failed++;
    if (options.json) io.out(JSON.stringify(fileResultJson(result)));
    else rows.push(...fileResultRows(result));
  });
  progress.stop();
  if (!options.json) {
    io.out(formatTable(['path', 'type', 'value', 'quality'], rows));
    io.out(`\n${inputs.length - failed} hashed, ${failed} failed`);
  }
  return failed > 0 ? ExitCode.INPUT_FAILED : ExitCode.OK;
}

/** The JSON line for one input, as documented in the README. */
export function fileResultJson(result: HashResult): object {
  if (result.kind === 'failed') return { ...result.input, error: result.error.toJSON() };
  return {
    ...result.input,
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

/** Long values (a text MinHash is 1,027 characters) are cut in the table; JSON has them whole. */
const SHOWN_VALUE = 72;

const nameOf = (input: HashResult['input']): string => ('path' in input ? input.path : 'url' in input ? input.url : `text "${input.text}"`);

function fileResultRows(result: HashResult): string[][] {
  const name = nameOf(result.input);
  if (result.kind === 'failed') return [[name, 'error', `${result.error.code}: ${result.error.message}`, '']];
  return [
    ...result.signals.map((s) => [
      name,
      s.type,
      s.value.length > SHOWN_VALUE ? `${s.value.slice(0, SHOWN_VALUE - 1)}… (--json shows all)` : s.value,
      s.quality === undefined ? '' : `${s.quality}${s.matchable ? '' : ' (too low to match)'}`,
    ]),
    ...result.skipped.map((s) => [name, s.type, `(not computed: ${s.skipped})`, '']),
  ];
}
