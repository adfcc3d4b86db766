import { ConcordError } from '../../errors/concord-error.js';
import { listCursors, readCursor, writeCursor, type SyncCursor } from '../store-cursors.js';
import type { SyncCursorPort } from '../store-ports.js';
import { toPartner } from '../store-rows.js';
import { applyReceived, type ReceivedEvent } from '../store-sync.js';
import type { KyselyContext } from './kysely-context.js';
import { PRIORITY_EVENT_TYPES } from '../../exchange/feed/feed-priority.js';
import { handlerFor } from '../received-body-handlers.js';

const isPriority = (body: unknown): boolean => {
  const type = (body as { type?: unknown } | undefined)?.type;
  return typeof type === 'string' && PRIORITY_EVENT_TYPES.includes(type) && handlerFor(type) !== undefined;
};

/** Sync cursors in sync_cursors, moved in the same transaction that applies a partner's page. */
export class KyselySyncCursors implements SyncCursorPort {
  constructor(private readonly ctx: KyselyContext) {}

  getSyncCursor(partnerId: string): Promise<SyncCursor> {
    return this.ctx.run(() => readCursor(this.ctx.db, partnerId));
  }

  listSyncCursors(): Promise<SyncCursor[]> {
    return this.ctx.run(() => listCursors(this.ctx.db));
  }

  /**
   * Applies a verified page of a partner's feed and moves the cursor in the same
   * transaction. If the cursor is no longer at `afterSeq` (another process applied the
   * page first) nothing is applied: CONFLICT, and the caller re-reads the cursor.
   */
  applyFeedPage(
    partnerId: string,
    page: { afterSeq: number; lastSeq: number; lastHash: string; remoteHead: number; events: readonly ReceivedEvent[]; priority?: readonly ReceivedEvent[] },
    disputeThreshold: number,
  ): Promise<{ applied: number; skipped: number; changedSignals: number }> {
    return this.ctx.changeTx(async (trx) => {
      const at = this.ctx.now();
      const cursor = await readCursor(trx, partnerId);
      if (cursor.lastSeq !== page.afterSeq) throw new ConcordError('CONFLICT', `the cursor for ${partnerId} moved to ${cursor.lastSeq}; expected ${page.afterSeq}`);
      const partnerRow = await trx.selectFrom('partners').selectAll().where('id', '=', partnerId).executeTakeFirst();
      if (!partnerRow) throw new ConcordError('NOT_FOUND', `no partner with id ${partnerId}`);
      // Priority events beyond the page (feed-priority.ts) are applied after it, by their idempotent handlers only.
      const ahead = (page.priority ?? []).filter((e) => e.seq > page.lastSeq && isPriority(e.body));
      const result = await applyReceived(trx, this.ctx.dialect, this.ctx.signer, toPartner(partnerRow), [...page.events, ...ahead], disputeThreshold, at, this.ctx.nearSignals);
      await writeCursor(trx, partnerId, {
        last_seq: page.lastSeq,
        last_hash: page.lastHash,
        remote_head: page.remoteHead,
        applied: cursor.applied + result.applied,
        last_success_at: at,
        last_error: null,
      });
      return result;
    });
  }

  /** Notes a pull that brought nothing new, or one that failed, without touching the position. */
  recordSyncContact(partnerId: string, outcome: { remoteHead?: number; error?: string }): Promise<void> {
    return this.ctx.run(async () => {
      const at = this.ctx.now();
      await writeCursor(
        this.ctx.db,
        partnerId,
        outcome.error !== undefined
          ? { last_error: outcome.error.slice(0, 1000), last_error_at: at }
          : { last_success_at: at, last_error: null, ...(outcome.remoteHead !== undefined ? { remote_head: outcome.remoteHead } : {}) },
      );
    });
  }
}
