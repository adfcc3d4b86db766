import { Kysely, type Transaction } from 'kysely';
import { confirmationPolicy, type ConfirmationPolicy } from '../../domain/four-eyes.js';
import { isoNow, systemClock, type Clock } from '../../util/clock.js';
import { randomIds, type IdGenerator } from '../../util/id-generator.js';
import type { Database } from '../database-schema.js';
import type { DialectName } from '../migrations.js';
import { lockWrites } from '../store-audit.js';
import { publishCheckpoint } from '../store-checkpoints.js';
import { mapStoreError } from '../store-errors.js';
import type { FeedSigner } from '../store-feed.js';

/** Signals held here near a value: ids, in no particular order (see KyselyContext.nearSignals). */
export type NearSignals = (type: string, value: string) => readonly number[];

/** What the store gets from the composition root besides its database. */
export interface StoreOptions {
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** Confirmations a new signal needs per distribution level (default: network 2, others 1). */
  readonly confirmations?: ConfirmationPolicy;
}

/**
 * What every Kysely port shares: the database, its dialect, the injected clock and id
 * generator, the node's feed signer (set once the node key is loaded), and the one way
 * to run a transaction. Each port gets this context, never the others' internals.
 */
export class KyselyContext {
  signer?: FeedSigner;
  /**
   * The ids of signals held here within a type's own threshold of a value (the node's
   * match index, set by the composition root; none until then). Received events use it to
   * recognise the same content under another hash (referral deconfliction).
   */
  nearSignals: NearSignals = () => [];
  private readonly commitListeners = new Set<() => void>();
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly confirmations: ConfirmationPolicy;
  /** Publish an audit checkpoint once a change leaves the chain this many entries past the last one (0: never). */
  checkpointEvery = 0;

  constructor(
    readonly db: Kysely<Database>,
    readonly dialect: DialectName,
    options: StoreOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.ids = options.ids ?? randomIds;
    this.confirmations = options.confirmations ?? confirmationPolicy();
  }

  /** The current time as stored. */
  now(): string {
    return isoNow(this.clock);
  }

  /** Called after every committed change: wakes feed subscribers waiting for news. */
  onCommit(listener: () => void): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  /** Runs a read or a single write, mapping database errors to the catalogue. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw mapStoreError(err);
    }
  }

  tx<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    // SQLite: every transaction here writes, so it takes the write lock before its first read
    // (see lockWrites); on PostgreSQL changeTx takes the lock where ordering matters.
    return this.run(() =>
      this.db.transaction().execute(async (trx) => {
        if (this.dialect === 'sqlite') await lockWrites(trx, this.dialect);
        return fn(trx);
      }),
    );
  }

  /**
   * A transaction that writes the change log. On PostgreSQL it first takes the write
   * lock, so change-log sequence numbers are handed out in commit order: a process that
   * has read up to seq N can never later see a commit with a smaller seq.
   */
  async changeTx<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    const result = await this.tx(async (trx) => {
      await lockWrites(trx, this.dialect);
      const result = await fn(trx);
      await publishCheckpoint(trx, this.signer, this.now(), this.checkpointEvery); // audit checkpoints: every N entries
      return result;
    });
    for (const listener of this.commitListeners) listener();
    return result;
  }
}
