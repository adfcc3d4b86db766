import type { KyselyStore } from '../../store/kysely-store.js';
import { readLease } from '../../store/store-lease.js';

/** One partner node's sync state, as `concord sync status`, `GET /v1/sync` and `/healthz` report it. */
export interface PartnerSyncStatus {
  readonly partner: string;
  readonly name: string;
  readonly url: string | null;
  readonly lastSeq: number;
  /** The partner's newest event at the last contact. */
  readonly remoteHead: number;
  /** Events not applied here yet, as of `lastSuccessAt`; only current while `stalled` is false. */
  readonly lag: number;
  readonly applied: number;
  /** The last contact that worked (a page applied, or an empty long-poll answered). */
  readonly lastSuccessAt: string | null;
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
  /** No successful contact for longer than the stall limit: the lag above is stale. */
  readonly stalled: boolean;
}

export interface SyncLeaderStatus {
  readonly holder: string;
  readonly pid: number;
  readonly acquiredAt: string;
  readonly renewedAt: string;
  readonly expiresAt: string;
  /** False when the lease has expired: no process is pulling partners' feeds. */
  readonly live: boolean;
}

export interface SyncStatus {
  /** The process holding the sync lease (or the last one that did); null if none ever did. */
  readonly leader: SyncLeaderStatus | null;
  readonly partners: readonly PartnerSyncStatus[];
  /** Why sync is not healthy, one sentence each; empty when it is. */
  readonly problems: readonly string[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Reads sync state from the database, so every process (and the CLI, with the node
 * stopped) reports the same: who leads, each partner's position, and what is wrong.
 * Sync is unhealthy when partners are registered and no process holds a live lease, or
 * when a partner has had no successful contact for `stallMs` (a healthy long-poll
 * answers within the wait time even when nothing is new).
 *
 * @example
 *   const { leader, problems } = await readSyncStatus(store, Date.now(), 90_000);
 */
export async function readSyncStatus(store: KyselyStore, now: number, stallMs: number): Promise<SyncStatus> {
  const [partners, cursors, lease] = await Promise.all([store.listPartners(), store.listSyncCursors(), readLease(store.db)]);
  const byId = new Map(cursors.map((c) => [c.partnerId, c]));
  const pulled = partners.filter((p) => p.kind === 'partner' && p.url && p.publicKey);
  const leader = lease ? { holder: lease.holder, pid: lease.pid, acquiredAt: iso(lease.acquiredAt), renewedAt: iso(lease.renewedAt), expiresAt: iso(lease.expiresAt), live: lease.expiresAt > now } : null;
  const problems: string[] = [];
  if (pulled.length > 0 && !leader?.live) {
    problems.push(leader ? `no process holds the sync lease: the last leader (pid ${leader.pid}) let it expire at ${leader.expiresAt}` : 'no process has ever held the sync lease');
  }
  const rows = pulled.map((p): PartnerSyncStatus => {
    const c = byId.get(p.id);
    const since = Date.parse(c?.lastSuccessAt ?? p.createdAt);
    const stalled = now - since > stallMs;
    if (stalled) {
      const when = c?.lastSuccessAt ? `since ${c.lastSuccessAt}` : `since it was registered at ${p.createdAt}`;
      problems.push(`sync with ${p.id} stalled: no successful pull ${when}${c?.lastError ? ` (last error ${c.lastErrorAt}: ${c.lastError})` : ''}`);
    }
    return {
      partner: p.id,
      name: p.name,
      url: p.url,
      lastSeq: c?.lastSeq ?? 0,
      remoteHead: c?.remoteHead ?? 0,
      lag: Math.max(0, (c?.remoteHead ?? 0) - (c?.lastSeq ?? 0)),
      applied: c?.applied ?? 0,
      lastSuccessAt: c?.lastSuccessAt ?? null,
      lastError: c?.lastError ?? null,
      lastErrorAt: c?.lastErrorAt ?? null,
      stalled,
    };
  });
  return { leader, partners: rows, problems };
}
