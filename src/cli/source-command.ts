import { join } from 'node:path';
import { ConcordError } from '../errors/concord-error.js';
import { defaultMediaPorts } from '../media/media-ports.js';
import { readEnv } from '../config/env.js';
import { IndexService } from '../match/index-service.js';
import { MatchCounter } from '../match/match-counter.js';
import { MatchService } from '../match/match-service.js';
import { Monitor } from '../monitor/monitor.js';
import type { SourceKind } from '../monitor/source.js';
import { validateNewSource } from '../monitor/source.js';
import type { SignalRegistry } from '../signals/signal-registry.js';
import type { CliIo } from './cli-io.js';
import { withNodeStore } from './cli-store.js';
import { commandAlertSink } from './command-alert-sink.js';
import { ExitCode } from './exit-codes.js';
import type { ServeOptions } from './serve-command.js';
import { formatTable } from './table.js';

export interface SourceAddOptions extends ServeOptions {
  readonly url: string;
  readonly kind: SourceKind;
  readonly reason: string;
  readonly label: string;
  readonly interval?: number;
  readonly depth?: number;
  readonly localTestSite?: boolean;
  readonly json?: boolean;
}

/** `concord source add`: puts a public source on this node's allow-list (audited). */
export async function sourceAddCommand(io: CliIo, options: SourceAddOptions): Promise<ExitCode> {
  const input = validateNewSource({ url: options.url, kind: options.kind, reason: options.reason, label: options.label, ...(options.interval ? { intervalMs: options.interval * 60_000 } : {}), ...(options.depth ? { depth: options.depth } : {}), localTestSite: options.localTestSite ?? false });
  return withNodeStore(options, async (store, self) => {
    const source = await store.monitor.addSource(input, self);
    if (options.json) io.out(JSON.stringify(source));
    else io.out(`source ${source.id} added: ${source.kind} ${source.url}, every ${source.intervalMs / 60_000} min, depth ${source.depth}`);
    return ExitCode.OK;
  });
}

/** `concord source list`. */
export async function sourceListCommand(io: CliIo, options: ServeOptions & { json?: boolean }): Promise<ExitCode> {
  return withNodeStore(options, async (store) => {
    const sources = await store.monitor.listSources();
    if (options.json) for (const s of sources) io.out(JSON.stringify(s));
    else if (sources.length === 0) io.out('no sources: concord source add --url … --kind html --reason … --label …');
    else io.out(formatTable(['id', 'kind', 'url', 'label', 'every', 'depth', 'last checked', 'last error'], sources.map((s) => [String(s.id), s.kind, s.url, s.label, `${s.intervalMs / 60_000} min`, String(s.depth), s.lastCheckedAt ?? 'never', s.lastError ?? '-'])));
    return ExitCode.OK;
  });
}

/** `concord source remove <id>`: stops watching a source; its finds stay. */
export async function sourceRemoveCommand(io: CliIo, id: number, options: ServeOptions & { json?: boolean }): Promise<ExitCode> {
  return withNodeStore(options, async (store, self) => {
    const removed = await store.monitor.removeSource(id, self);
    if (!removed) throw new ConcordError('NOT_FOUND', `no source with id ${id}`);
    io.out(options.json ? JSON.stringify(removed) : `source ${id} removed (${removed.url}); its finds are kept`);
    return ExitCode.OK;
  });
}

/**
 * `concord source check <id>`: checks one source now, on the node's store and index, with
 * the node's monitor configuration. A find raises the alert a check inside `concord serve`
 * raises: in the node's alert store, on its feed and queued for its webhook rules.
 * Exits 3 when the source could not be read, 1 when some linked resources failed.
 */
export async function sourceCheckCommand(io: CliIo, registry: SignalRegistry, id: number, options: ServeOptions & { json?: boolean }): Promise<ExitCode> {
  return withNodeStore(options, async (store, self, { config }) => {
    const index = new IndexService(registry, store);
    await index.load(join(config.dataDir, 'index-snapshot.bin'));
    const counter = new MatchCounter(store);
    const media = defaultMediaPorts(readEnv(), { maxPixels: config.maxPixels, maxDurationSeconds: config.maxDurationSeconds, timeoutMs: config.decodeTimeoutMs });
    try {
      const monitor = new Monitor({
        store,
        registry,
        matcher: new MatchService(registry, index, store, counter),
        media,
        alerts: commandAlertSink({ store, registry, index, config, selfPartner: self.partner, log: (fields, msg) => io.err(JSON.stringify({ ...fields, msg })) }),
        clock: { now: () => Date.now() },
        config: config.monitor,
      });
      const report = await monitor.checkSource(id);
      if (options.json) io.out(JSON.stringify(report));
      else {
        io.out(`source ${id}: ${report.pages} pages, ${report.media} media, ${report.notModified} unchanged, ${report.finds} finds (${report.newFinds} new)`);
        if (report.error) io.out(`error: ${report.error.code}: ${report.error.message}`);
        for (const e of report.errors) io.out(`  ${e.url}: ${e.code}: ${e.message}`);
      }
      return report.error ? ExitCode.DEPENDENCY : report.errorCount > 0 ? ExitCode.INPUT_FAILED : ExitCode.OK;
    } finally {
      await counter.stop();
      await index.stop();
      await media.close?.();
    }
  });
}
