import { bankNamed } from '../exchange/bank-import.js';
import { importTaxiiCollection } from '../exchange/taxii/taxii-import.js';
import { outboundHttp } from '../exchange/outbound/outbound-http.js';
import { checkOutboundUrl } from '../exchange/outbound/outbound-url.js';
import type { SignalRegistry } from '../signals/signal-registry.js';
import type { CliIo } from './cli-io.js';
import { withNodeStore } from './cli-store.js';
import { ExitCode } from './exit-codes.js';
import type { ServeOptions } from './serve-command.js';

export interface TaxiiImportOptions extends ServeOptions {
  readonly url: string;
  readonly key: string;
  readonly bank: string;
  readonly addedAfter?: string;
  readonly json?: boolean;
}

/**
 * `concord taxii import`: pulls a TAXII 2.1 collection into a bank (created if missing)
 * and prints what came of every object. The key is the one the remote node issued to us.
 */
export async function taxiiImportCommand(io: CliIo, registry: SignalRegistry, options: TaxiiImportOptions): Promise<ExitCode> {
  checkOutboundUrl(options.url, '--url'); // before the bank is created: a refused URL stores nothing
  return withNodeStore(options, async (store, self) => {
    const bank = await bankNamed(store, options.bank, self, `imported over TAXII from ${options.url}`);
    const result = await importTaxiiCollection(store, registry, bank.id, { collectionUrl: options.url, apiKey: options.key, addedAfter: options.addedAfter, http: outboundHttp() }, self);
    if (options.json) {
      io.out(JSON.stringify({ bank: options.bank, bankCreated: bank.created, ...result }));
    } else {
      const invalid = Object.entries(result.invalid).map(([code, n]) => `${n} ${code}`).join(', ');
      io.out(
        `${bank.created ? `created bank "${options.bank}"; ` : ''}${result.objects} objects, ${result.indicators} indicators: ${result.added} added, ${result.alreadyPresent} already present, ` +
          `${result.inactive} revoked or inactive, ${result.unlabelled} without a known label${invalid ? `, invalid: ${invalid}` : ''}`,
      );
      if (result.dateAddedLast) io.out(`next time: --added-after ${result.dateAddedLast}`);
    }
    return ExitCode.OK;
  });
}
