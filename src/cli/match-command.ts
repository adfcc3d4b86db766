import { readFile } from 'node:fs/promises';
import { ListMatcher, type ListMatch } from '../match/list-matcher.js';
import type { MediaPorts } from '../signals/content-source.js';
import { parseSignalList, type ParsedSignalList } from '../signals/signal-list.js';
import type { SignalRegistry } from '../signals/signal-registry.js';
import { byScopeThenDistance, type HashedSignal } from '../signals/signal-type.js';
import type { CliIo } from './cli-io.js';
import { ExitCode } from './exit-codes.js';
import { gatherInputs, hashInputs, type InputOptions } from './file-hasher.js';
import { walkFiles } from './file-walk.js';
import { progressFor } from './progress.js';
import { formatTable } from './table.js';

export interface MatchCommandOptions extends InputOptions {
  readonly against: string;
  readonly signals?: string;
  readonly json: boolean;
  readonly dihedral: boolean;
}

type QueryOutcome =
  | { query: object; matches: ListMatch[]; skipped?: object[] }
  | { query: object; error: { code: string; message: string } };

/**
 * `concord match`: matches files, or signal values from a list, against a list of known
 * signals. A bad known-signals list stops the run before anything is matched (matching
 * against half a list would hide misses); a bad query is reported and the batch goes on.
 */
export async function matchCommand(
  registry: SignalRegistry,
  ports: MediaPorts,
  io: CliIo,
  paths: readonly string[],
  options: MatchCommandOptions,
): Promise<ExitCode> {
  const inputs = await gatherInputs(walkFiles, paths, options);
  if (!options.signals && inputs.length === 0) {
    io.err('USAGE_INVALID: give files to match, --text, --text-file, --url, or --signals <file> with signal values');
    return ExitCode.USAGE;
  }
  const known = await loadList(registry, io, options.against, 'known signals');
  if (!known) return ExitCode.USAGE;
  if (known.errors.length > 0) {
    for (const e of known.errors) io.err(`${options.against}:${e.line}: ${e.code}: ${e.message}`);
    io.err(`${known.errors.length} bad line(s) in ${options.against}; nothing was matched`);
    return ExitCode.USAGE;
  }
  const matcher = new ListMatcher(registry, known.entries);
  const outcomes: QueryOutcome[] = [];
  let failed = 0;
  const report = (outcome: QueryOutcome) => {
    if ('error' in outcome) failed++;
    if (options.json) io.out(JSON.stringify(outcome));
    else outcomes.push(outcome);
  };

  if (options.signals) {
    const queries = await loadList(registry, io, options.signals, 'query signals');
    if (!queries) return ExitCode.USAGE;
    const all = [
      ...queries.entries.map((q) => ({ line: q.line, outcome: { query: { type: q.type, value: q.value }, matches: matcher.match(q) } })),
      ...queries.errors.map((e) => ({ line: e.line, outcome: { query: { line: e.line }, error: { code: e.code, message: e.message } } })),
    ].sort((a, b) => a.line - b.line);
    for (const { outcome } of all) report(outcome);
  }

  const progress = io.stderrIsTty ? progressFor(inputs.length) : { tick() {}, stop() {} };
  await hashInputs(registry, ports, inputs, { dihedral: options.dihedral }, (result) => {
    progress.tick();
    if (result.kind === 'failed') return report({ query: result.input, error: result.error.toJSON() });
    report(matchSignals(matcher, result.input, result.signals));
  });
  progress.stop();

  if (!options.json) printTable(io, outcomes);
  return failed > 0 ? ExitCode.INPUT_FAILED : ExitCode.OK;
}

function matchSignals(matcher: ListMatcher, input: object, signals: HashedSignal[]): QueryOutcome {
  const matches: ListMatch[] = [];
  const skipped: object[] = [];
  for (const s of signals) {
    if (!s.matchable) {
      skipped.push({ type: s.type, value: s.value, quality: s.quality, reason: 'quality too low to match' });
      continue;
    }
    matches.push(...matcher.match(s));
  }
  matches.sort(byScopeThenDistance);
  return { query: input, matches, ...(skipped.length ? { skipped } : {}) };
}

async function loadList(registry: SignalRegistry, io: CliIo, path: string, what: string): Promise<ParsedSignalList | null> {
  try {
    return parseSignalList(registry, await readFile(path, 'utf8'));
  } catch (err) {
    io.err(`FILE_NOT_FOUND: cannot read ${what} file ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    return null;
  }
}

function printTable(io: CliIo, outcomes: QueryOutcome[]): void {
  const rows: string[][] = [];
  for (const o of outcomes) {
    const q = o.query as Record<string, unknown>;
    const name = 'path' in q ? String(q.path) : 'url' in q ? String(q.url) : 'text' in q ? `text "${String(q.text)}"` : JSON.stringify(q);
    if ('error' in o) rows.push([name, 'error', '', `${o.error.code}: ${o.error.message}`]);
    else if (o.matches.length === 0) rows.push([name, 'no match', '', '']);
    else for (const m of o.matches) rows.push([name, `${m.type} ${m.scope} d=${m.distance}${m.variant ? ` (${m.variant})` : ''}`, m.label ?? '', m.value]);
  }
  io.out(formatTable(['query', 'match', 'label', 'known value'], rows));
}
