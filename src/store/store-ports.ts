import type { Role } from '../domain/roles.js';
import type { BankRecord, OpinionKind, OpinionRecord, SignalRecord } from '../domain/signal-record.js';
import type { Label } from '../taxonomy/labels.js';
import type { SyncCursor } from './store-cursors.js';
import type { FeedSigner, StoredFeedEvent } from './store-feed.js';
import type { ReceivedEvent } from './store-sync.js';
import type { Actor, ApiKeyRecord, AuditEntry, AuditVerification, IndexRow, NewSignal, PartnerRecord } from './store.js';

/*
 * The store's ports: one small interface per kind of state. Every method that changes
 * state is one transaction that also appends its audit entries and change-log rows, so a
 * failed call stores nothing and an acknowledged one is durable. Services take only the
 * ports they use; `Store` (store.ts) is all of them together.
 *
 * Errors: ConcordError with NOT_FOUND, CONFLICT or STORE_UNAVAILABLE.
 */

/**
 * Node-wide settings, by key.
 *
 * @example
 *   await settings.initSetting('node.id', 'n1'); // 'n1', and 'n1' from then on
 */
export interface SettingsPort {
  getSetting(key: string): Promise<string | undefined>;
  /** Sets a setting only if it is not set yet; returns the value in force. */
  initSetting(key: string, value: string): Promise<string>;
  setSetting(key: string, value: string): Promise<void>;
}

/**
 * Partner organisations (this node is the one of kind `self`) and the API keys issued to them.
 *
 * @example
 *   const key = await keys.findApiKeyByHash(sha256(secret));
 */
export interface PartnerKeyPort {
  createPartner(input: { id: string; name: string; kind: 'self' | 'partner'; url?: string | null; publicKey?: string | null; sharingGroups?: readonly string[] }, actor: Actor): Promise<PartnerRecord>;
  updatePartner(id: string, patch: { url?: string | null; publicKey?: string | null; sharingGroups?: readonly string[] }, actor: Actor): Promise<PartnerRecord>;
  getPartner(id: string): Promise<PartnerRecord | undefined>;
  listPartners(): Promise<PartnerRecord[]>;
  /** Stores a key by its hash; the secret itself is never stored. */
  createApiKey(input: { id: string; partnerId: string; keyHash: string; roles: readonly Role[]; purpose: string; expiresAt?: string | null }, actor: Actor): Promise<ApiKeyRecord>;
  findApiKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined>;
  listApiKeys(): Promise<ApiKeyRecord[]>;
  revokeApiKey(id: string, actor: Actor): Promise<ApiKeyRecord>;
}

/**
 * Banks: named collections of signals, each owned by one partner.
 *
 * @example
 *   const bank = await banks.createBank({ name: 'attack videos', description: '' }, actor);
 */
export interface BankPort {
  createBank(input: { name: string; description: string }, actor: Actor): Promise<BankRecord>;
  getBank(id: number): Promise<BankRecord | undefined>;
  listBanks(): Promise<BankRecord[]>;
  updateBank(id: number, patch: { name?: string; description?: string }, actor: Actor): Promise<BankRecord>;
}

/**
 * Signals and the opinions partners hold about them.
 *
 * @example
 *   const [s] = await signals.addSignals(bank.id, [{ type: 'md5', value, label, reason, distribution: 'partners' }], actor);
 */
export interface SignalPort {
  /**
   * Adds a batch to a bank: all of it or none of it. Returns records in input order.
   * New signals are unconfirmed: they match here but leave the node (feed, TAXII, list
   * exports) only once enough other reviewer keys confirmed them (addOpinion `confirmed`).
   */
  addSignals(bankId: number, signals: readonly NewSignal[], actor: Actor): Promise<SignalRecord[]>;
  getSignal(id: number): Promise<SignalRecord | undefined>;
  getSignals(ids: readonly number[]): Promise<SignalRecord[]>;
  getSignalByUid(uid: string): Promise<SignalRecord | undefined>;
  /** The origin's signed event a received signal was taken in from (JSON), or null for this node's own. */
  getOriginEvent(id: number): Promise<string | null>;
  retractSignal(id: number, reason: string, actor: Actor): Promise<SignalRecord>;
  /** Corrects a signal's label (contributor only); the old label stays in the audit trail. */
  relabelSignal(id: number, label: Label, reason: string, actor: Actor): Promise<SignalRecord>;
  /**
   * Records an opinion and recomputes the signal's status: disputed once `disputeThreshold`
   * distinct partners dispute it, or its contributor does. A `confirmed` opinion on a signal
   * contributed here is four eyes (src/domain/four-eyes.ts): refused with SELF_CONFIRMATION
   * from the adding key and REVIEWER_REQUIRED from a key without the reviewer role (nothing
   * stored), otherwise counted once per key; at the required count the signal is confirmed
   * and its `signal.added` is published.
   */
  addOpinion(signalId: number, input: { opinion: OpinionKind; reason: string }, actor: Actor, disputeThreshold: number): Promise<{ opinion: OpinionRecord; signal: SignalRecord }>;
  listOpinions(signalId: number): Promise<OpinionRecord[]>;
  /**
   * Confirms a batch of signals with the actor's key, by the same four-eyes rule as a
   * `confirmed` opinion but recording no opinion: all of them or, on the first refusal,
   * none. Signals it completes are published (`signal.added`).
   */
  confirmSignals(ids: readonly number[], actor: Actor): Promise<SignalRecord[]>;
}

/**
 * Match counts, written in bulk by the match counter.
 *
 * @example
 *   await counts.recordMatches(new Map([[42, 3]]), new Date().toISOString());
 */
export interface MatchCountPort {
  /** Adds match counts (signal id → matches) and the time of the last match. */
  recordMatches(counts: ReadonlyMap<number, number>, at: string): Promise<void>;
}

/**
 * What the match indexes read: every signal once, then the change log to stay current.
 *
 * @example
 *   const { lastSeq, rows } = await log.changesAfter(seen, 1000);
 */
export interface ChangeLogPort {
  /** Pages through every signal for building indexes, by ascending id. */
  scanIndexRows(afterId: number, limit: number): Promise<IndexRow[]>;
  /** Signals changed after a change-log position, for keeping other processes' indexes current. */
  changesAfter(seq: number, limit: number): Promise<{ lastSeq: number; rows: IndexRow[] }>;
  latestChangeSeq(): Promise<number>;
}

/**
 * The hash-chained audit log (appended to by every other port's writes).
 *
 * @example
 *   const { ok, firstBroken } = await audit.verifyAudit();
 */
export interface AuditPort {
  listAudit(options: { afterSeq?: number; limit: number; subjectType?: string; subjectId?: string }): Promise<AuditEntry[]>;
  verifyAudit(): Promise<AuditVerification>;
}

/**
 * The node's own signed feed, which partners pull. Other ports append to it in their
 * transactions once a signer is attached.
 *
 * @example
 *   store.attachFeedSigner({ nodeId, sign: (d) => key.sign(d) });
 *   const page = await feed.feedAfter(0, 100);
 */
export interface FeedLogPort {
  readonly nodeId: string | undefined;
  /** Gives the store the node key, so changes that partners may see are published to the feed. */
  attachFeedSigner(signer: FeedSigner): void;
  /** Hands the feed over to a new key, announced by a `key.rotated` event signed by the current one. */
  rotateFeedKey(next: FeedSigner, keys: { previous: string; publicKey: string }): Promise<void>;
  feedAfter(afterSeq: number, limit: number): Promise<StoredFeedEvent[]>;
  latestFeedSeq(): Promise<number>;
  /** Called after every committed change: wakes feed subscribers waiting for news. */
  onCommit(listener: () => void): () => void;
}

/**
 * Where this node is in each partner's feed, and applying what it pulled.
 *
 * @example
 *   const cursor = await sync.getSyncCursor('p-a');
 *   await sync.applyFeedPage('p-a', { afterSeq: cursor.lastSeq, ... }, 2);
 */
export interface SyncCursorPort {
  getSyncCursor(partnerId: string): Promise<SyncCursor>;
  listSyncCursors(): Promise<SyncCursor[]>;
  /**
   * Applies a verified page of a partner's feed and moves the cursor in the same
   * transaction. If the cursor is no longer at `afterSeq` (another process applied the
   * page first) nothing is applied: CONFLICT, and the caller re-reads the cursor.
   */
  applyFeedPage(
    partnerId: string,
    /** `priority`: verified events beyond the page that go ahead of routine ones (src/exchange/feed/feed-priority.ts). */
    page: { afterSeq: number; lastSeq: number; lastHash: string; remoteHead: number; events: readonly ReceivedEvent[]; priority?: readonly ReceivedEvent[] },
    disputeThreshold: number,
  ): Promise<{ applied: number; skipped: number; changedSignals: number }>;
  /** Notes a pull that brought nothing new, or one that failed, without touching the position. */
  recordSyncContact(partnerId: string, outcome: { remoteHead?: number; error?: string }): Promise<void>;
}
