import { readFileSync, writeFileSync } from 'node:fs';
import { ConcordError } from '../errors/concord-error.js';
import { isStorableText, STORABLE_TEXT_MESSAGE } from '../util/storable-text.js';
import { viewerForPartner } from '../access/viewer-of.js';
import { bankNamed } from '../exchange/bank-import.js';
import { exportHashList } from '../exchange/threatexchange/te-export.js';
import { importHashList } from '../exchange/threatexchange/te-import.js';
import { HASH_LIST_FORMATS, type HashListFormat } from '../exchange/threatexchange/te-list.js';
import type { SignalRegistry } from '../signals/signal-registry.js';
import { parseLabel } from '../taxonomy/labels.js';
import type { Distribution } from '../domain/signal-record.js';
import type { CliIo } from './cli-io.js';
import { withNodeStore } from './cli-store.js';
import { ExitCode } from './exit-codes.js';
import type { ServeOptions } from './serve-command.js';

export interface BankListOptions extends ServeOptions {
  readonly bank: string;
  readonly format: string;
}

const formatOf = (raw: string): HashListFormat => {
  if ((HASH_LIST_FORMATS as readonly string[]).includes(raw)) return raw as HashListFormat;
  throw new ConcordError('USAGE_INVALID', `--format must be one of ${HASH_LIST_FORMATS.join(', ')}`);
};

/**
 * `concord bank export`: a bank as a ThreatExchange-style list, holding what may leave
 * the node (towards `--partner`, when given): never a local signal.
 */
export async function bankExportCommand(io: CliIo, options: BankListOptions & { out?: string; partner?: string }): Promise<ExitCode> {
  const format = formatOf(options.format);
  return withNodeStore(options, async (store, self) => {
    const bank = (await store.listBanks()).find((b) => b.name === options.bank);
    if (!bank) throw new ConcordError('NOT_FOUND', `no bank named "${options.bank}"`);
    const viewer = await viewerForPartner(store, options.partner ?? self.partner, self.partner);
    const text = await exportHashList(store, bank.id, viewer, format);
    if (options.out) writeFileSync(options.out, text);
    else io.out(text.trimEnd());
    return ExitCode.OK;
  });
}

/**
 * `concord bank import`: validates every line of a list, reports each bad one with its
 * number and code, and adds the good ones (all-or-nothing per batch). Exits 1 when some
 * lines were bad.
 */
export async function bankImportCommand(
  io: CliIo,
  registry: SignalRegistry,
  options: BankListOptions & { file: string; reason: string; label?: string; distribution: string; json?: boolean },
): Promise<ExitCode> {
  const format = formatOf(options.format);
  const label = options.label === undefined ? undefined : parseLabel(options.label);
  if (label && !label.ok) throw new ConcordError(label.code, `--label: ${label.message}`);
  if (!/^(local|partners|network|group:[a-z0-9][a-z0-9_-]{0,63})$/.test(options.distribution)) throw new ConcordError('USAGE_INVALID', '--distribution must be local, partners, network or group:<name>');
  if (options.reason.trim().length < 3) throw new ConcordError('USAGE_INVALID', '--reason: say why these signals are banked');
  if (!isStorableText(options.reason) || !isStorableText(options.bank)) throw new ConcordError('USAGE_INVALID', `--reason and --bank ${STORABLE_TEXT_MESSAGE}`);
  let text: string;
  try {
    text = readFileSync(options.file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE';
    throw new ConcordError(code, `${options.file}: ${(err as Error).message}`);
  }
  return withNodeStore(options, async (store, self) => {
    const bank = await bankNamed(store, options.bank, self, `imported from ${options.format}`);
    const result = await importHashList(
      store,
      registry,
      bank.id,
      text,
      { format, reason: options.reason.trim(), label: label?.ok ? label.value : undefined, distribution: options.distribution as Distribution },
      self,
    );
    for (const e of result.errors) io.err(options.json ? JSON.stringify({ line: e.line, error: { code: e.code, message: e.message } }) : `line ${e.line}: ${e.code}: ${e.message}`);
    const summary = { bank: options.bank, bankCreated: bank.created, entries: result.entries, added: result.added, alreadyPresent: result.alreadyPresent, deleted: result.deleted, badLines: result.errors.length };
    io.out(
      options.json
        ? JSON.stringify(summary)
        : `${bank.created ? `created bank "${options.bank}"; ` : ''}${result.added} added, ${result.alreadyPresent} already present, ${result.deleted} deleted entries skipped, ${result.errors.length} bad lines`,
    );
    return result.errors.length > 0 ? ExitCode.INPUT_FAILED : ExitCode.OK;
  });
}
