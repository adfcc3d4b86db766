import { Kysely, Migrator } from 'kysely';
import type { Role } from '../domain/roles.js';
import type { Label } from '../taxonomy/labels.js';
import type { BankRecord, OpinionKind, OpinionRecord, SignalRecord } from '../domain/signal-record.js';
import type { Database } from './database-schema.js';
import { migrationProvider, type DialectName } from './migrations.js';
import { mapStoreError } from './store-errors.js';
import type { FeedSigner, StoredFeedEvent } from './store-feed.js';
import type { SyncCursor } from './store-cursors.js';
import type { Actor, ApiKeyRecord, AuditEntry, AuditVerification, IndexRow, NewSignal, PartnerRecord, Store } from './store.js';
import { KyselyContext, type StoreOptions } from './kysely/kysely-context.js';
import { KyselySettings } from './kysely/kysely-settings.js';
import { KyselyPartnerKeys } from './kysely/kysely-partner-keys.js';
import { KyselyBanks } from './kysely/kysely-banks.js';
import { KyselySignals } from './kysely/kysely-signals.js';
import { KyselyMatchCounts } from './kysely/kysely-match-counts.js';
import { KyselyChangeLog } from './kysely/kysely-change-log.js';
import { KyselyAuditLog } from './kysely/kysely-audit-log.js';
import { KyselyFeedLog } from './kysely/kysely-feed-log.js';
import { KyselySyncCursors } from './kysely/kysely-sync-cursors.js';
import { KyselyIncidents } from '../coordination/incidents/incident-store.js';
import { KyselyMonitor } from './kysely/kysely-monitor.js';
import { checkAgainst, listCheckpoints, publishCheckpoint } from './store-checkpoints.js';
import { previousFeedKeys, rotationsAfter } from './store-feed-keys.js';
import type { AuditCheckpoint } from '../exchange/audit-checkpoint.js';
import type { WireEvent } from '../exchange/feed/feed-event.js';
import { KyselyReferrals } from '../coordination/referrals/referral-store.js';
import { bankHolds, bankIdsHolding, existingSignalKeys, signalsByChange, type LevelFilter } from './store-exchange.js';
import { listSignalPage, signalCounts, type SignalListQuery } from './store-signal-list.js';

export type { StoreOptions } from './kysely/kysely-context.js';

/**
 * The Store on Kysely: one implementation for SQLite and PostgreSQL. It owns the
 * database and the shared context (clock, ids, feed signer, transactions) and composes
 * one Kysely port per kind of state (src/store/kysely/). Each port is reachable as a
 * property (`store.signals`) and, for callers written against the whole Store, through
 * the same methods on the store itself.
 */
export class KyselyStore implements Store {
  private readonly ctx: KyselyContext;
  readonly settings: KyselySettings;
  readonly partnerKeys: KyselyPartnerKeys;
  readonly banks: KyselyBanks;
  readonly signals: KyselySignals;
  readonly matchCounts: KyselyMatchCounts;
  readonly changeLog: KyselyChangeLog;
  readonly audit: KyselyAuditLog;
  readonly feedLog: KyselyFeedLog;
  readonly syncCursors: KyselySyncCursors;
  /** Incidents and their shared timelines (src/coordination/incidents/). */
  readonly incidents: KyselyIncidents;
  readonly referrals: KyselyReferrals;
  /** The monitor of public sources: its allow-list, page validators and finds (src/monitor/). */
  readonly monitor: KyselyMonitor;

  private constructor(readonly db: Kysely<Database>, readonly dialect: DialectName, options: StoreOptions) {
    this.ctx = new KyselyContext(db, dialect, options);
    this.settings = new KyselySettings(this.ctx);
    this.partnerKeys = new KyselyPartnerKeys(this.ctx);
    this.banks = new KyselyBanks(this.ctx);
    this.signals = new KyselySignals(this.ctx);
    this.matchCounts = new KyselyMatchCounts(this.ctx);
    this.changeLog = new KyselyChangeLog(this.ctx);
    this.audit = new KyselyAuditLog(this.ctx);
    this.feedLog = new KyselyFeedLog(this.ctx);
    this.syncCursors = new KyselySyncCursors(this.ctx);
    this.incidents = new KyselyIncidents(this.ctx);
    this.referrals = new KyselyReferrals(this.ctx);
    this.monitor = new KyselyMonitor(this.ctx);
  }

  /** Opens the store and brings its schema up to date. */
  static async open(db: Kysely<Database>, dialect: DialectName, options: StoreOptions = {}): Promise<KyselyStore> {
    const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
    const { error } = await migrator.migrateToLatest();
    if (error) throw mapStoreError(error);
    return new KyselyStore(db, dialect, options);
  }

  /**
   * The shared context (clock, ids, feed signer, transactions), for coordination modules
   * that keep tables of their own and write them with signed feed events and audit entries.
   */
  get context(): KyselyContext {
    return this.ctx;
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  // Feed log
  get nodeId(): string | undefined {
    return this.feedLog.nodeId;
  }
  attachFeedSigner(signer: FeedSigner): void {
    this.feedLog.attachFeedSigner(signer);
  }
  rotateFeedKey(next: FeedSigner, keys: { previous: string; publicKey: string }): Promise<void> {
    return this.feedLog.rotateFeedKey(next, keys);
  }
  onCommit(listener: () => void): () => void {
    return this.feedLog.onCommit(listener);
  }
  feedAfter(afterSeq: number, limit: number): Promise<StoredFeedEvent[]> {
    return this.feedLog.feedAfter(afterSeq, limit);
  }
  latestFeedSeq(): Promise<number> {
    return this.feedLog.latestFeedSeq();
  }

  // Settings
  getSetting(key: string): Promise<string | undefined> {
    return this.settings.getSetting(key);
  }
  setSetting(key: string, value: string): Promise<void> {
    return this.settings.setSetting(key, value);
  }
  initSetting(key: string, value: string): Promise<string> {
    return this.settings.initSetting(key, value);
  }

  // Partners and keys
  createPartner(input: Parameters<Store['createPartner']>[0], actor: Actor): Promise<PartnerRecord> {
    return this.partnerKeys.createPartner(input, actor);
  }
  updatePartner(id: string, patch: Parameters<Store['updatePartner']>[1], actor: Actor): Promise<PartnerRecord> {
    return this.partnerKeys.updatePartner(id, patch, actor);
  }
  getPartner(id: string): Promise<PartnerRecord | undefined> {
    return this.partnerKeys.getPartner(id);
  }
  listPartners(): Promise<PartnerRecord[]> {
    return this.partnerKeys.listPartners();
  }
  createApiKey(input: Parameters<Store['createApiKey']>[0], actor: Actor): Promise<ApiKeyRecord> {
    return this.partnerKeys.createApiKey(input, actor);
  }
  findApiKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    return this.partnerKeys.findApiKeyByHash(keyHash);
  }
  listApiKeys(): Promise<ApiKeyRecord[]> {
    return this.partnerKeys.listApiKeys();
  }
  revokeApiKey(id: string, actor: Actor): Promise<ApiKeyRecord> {
    return this.partnerKeys.revokeApiKey(id, actor);
  }

  // Banks
  createBank(input: { name: string; description: string }, actor: Actor): Promise<BankRecord> {
    return this.banks.createBank(input, actor);
  }
  getBank(id: number): Promise<BankRecord | undefined> {
    return this.banks.getBank(id);
  }
  listBanks(): Promise<BankRecord[]> {
    return this.banks.listBanks();
  }
  updateBank(id: number, patch: { name?: string; description?: string }, actor: Actor): Promise<BankRecord> {
    return this.banks.updateBank(id, patch, actor);
  }

  // Signals and opinions
  addSignals(bankId: number, signals: readonly NewSignal[], actor: Actor): Promise<SignalRecord[]> {
    return this.signals.addSignals(bankId, signals, actor);
  }
  getSignal(id: number): Promise<SignalRecord | undefined> {
    return this.signals.getSignal(id);
  }
  getSignals(ids: readonly number[]): Promise<SignalRecord[]> {
    return this.signals.getSignals(ids);
  }
  getSignalByUid(uid: string): Promise<SignalRecord | undefined> {
    return this.signals.getSignalByUid(uid);
  }
  getOriginEvent(id: number): Promise<string | null> {
    return this.signals.getOriginEvent(id);
  }
  retractSignal(id: number, reason: string, actor: Actor): Promise<SignalRecord> {
    return this.signals.retractSignal(id, reason, actor);
  }
  relabelSignal(id: number, label: Label, reason: string, actor: Actor): Promise<SignalRecord> {
    return this.signals.relabelSignal(id, label, reason, actor);
  }
  addOpinion(signalId: number, input: { opinion: OpinionKind; reason: string }, actor: Actor, disputeThreshold: number): Promise<{ opinion: OpinionRecord; signal: SignalRecord }> {
    return this.signals.addOpinion(signalId, input, actor, disputeThreshold);
  }
  listOpinions(signalId: number): Promise<OpinionRecord[]> {
    return this.signals.listOpinions(signalId);
  }
  confirmSignals(ids: readonly number[], actor: Actor): Promise<SignalRecord[]> {
    return this.signals.confirmSignals(ids, actor);
  }

  // Match counts and the change log
  recordMatches(counts: ReadonlyMap<number, number>, at: string): Promise<void> {
    return this.matchCounts.recordMatches(counts, at);
  }
  scanIndexRows(afterId: number, limit: number): Promise<IndexRow[]> {
    return this.changeLog.scanIndexRows(afterId, limit);
  }
  changesAfter(seq: number, limit: number): Promise<{ lastSeq: number; rows: IndexRow[] }> {
    return this.changeLog.changesAfter(seq, limit);
  }
  latestChangeSeq(): Promise<number> {
    return this.changeLog.latestChangeSeq();
  }

  // Sync cursors
  getSyncCursor(partnerId: string): Promise<SyncCursor> {
    return this.syncCursors.getSyncCursor(partnerId);
  }
  listSyncCursors(): Promise<SyncCursor[]> {
    return this.syncCursors.listSyncCursors();
  }
  applyFeedPage(partnerId: string, page: Parameters<Store['applyFeedPage']>[1], disputeThreshold: number): Promise<{ applied: number; skipped: number; changedSignals: number }> {
    return this.syncCursors.applyFeedPage(partnerId, page, disputeThreshold);
  }
  recordSyncContact(partnerId: string, outcome: { remoteHead?: number; error?: string }): Promise<void> {
    return this.syncCursors.recordSyncContact(partnerId, outcome);
  }

  // Audit
  listAudit(options: { afterSeq?: number; limit: number; subjectType?: string; subjectId?: string }): Promise<AuditEntry[]> {
    return this.audit.listAudit(options);
  }
  verifyAudit(): Promise<AuditVerification> {
    return this.audit.verifyAudit();
  }

  // Exchange-format reads (store-exchange.ts), behind the error mapping so an outage is STORE_UNAVAILABLE.
  signalsByChange(query: Parameters<typeof signalsByChange>[1]): Promise<SignalRecord[]> {
    return this.ctx.run(() => signalsByChange(this.db, query));
  }
  /** A page of signals for browsing (store-signal-list.ts). */
  listSignalPage(query: SignalListQuery): Promise<SignalRecord[]> {
    return this.ctx.run(() => listSignalPage(this.db, query));
  }
  signalCounts(filter: LevelFilter | undefined): ReturnType<typeof signalCounts> {
    return this.ctx.run(() => signalCounts(this.db, filter));
  }
  bankIdsHolding(filter: LevelFilter): Promise<Set<number>> {
    return this.ctx.run(() => bankIdsHolding(this.db, filter));
  }
  bankHolds(bankId: number, filter: LevelFilter): Promise<boolean> {
    return this.ctx.run(() => bankHolds(this.db, bankId, filter));
  }
  existingSignalKeys(bankId: number, pairs: readonly { type: string; value: string }[]): Promise<Set<string>> {
    return this.ctx.run(() => existingSignalKeys(this.db, bankId, pairs));
  }

  // Audit checkpoints (store-checkpoints.ts)
  /** Publishes a checkpoint of the audit chain whenever a change leaves it `every` entries past the last one (0: never). */
  setAuditCheckpointEvery(every: number): void {
    this.ctx.checkpointEvery = every;
  }
  /** Publishes a checkpoint now if the audit chain grew since the last one (the periodic job). */
  publishAuditCheckpoint(): Promise<AuditCheckpoint | undefined> {
    return this.ctx.changeTx((trx) => publishCheckpoint(trx, this.ctx.signer, this.ctx.now(), 1));
  }
  listAuditCheckpoints(node: string, limit: number): Promise<AuditCheckpoint[]> {
    return this.ctx.run(() => listCheckpoints(this.db, node, limit));
  }
  /** The first checkpoint the audit chain disagrees with (truncated or rewritten), if any. */
  checkAuditAgainst(checkpoints: readonly AuditCheckpoint[]): Promise<{ checkpoint: AuditCheckpoint; problem: string } | undefined> {
    return this.ctx.run(() => checkAgainst(this.db, checkpoints));
  }
  /** Keys this node's feed was signed with before its current one. */
  previousFeedKeys(): Promise<string[]> {
    return this.ctx.run(() => previousFeedKeys(this.db));
  }
  /** This node's key rotations after a feed position (wire events), for heads signed ahead of a reader. */
  feedRotationsAfter(seq: number): Promise<WireEvent[]> {
    return this.ctx.run(() => rotationsAfter(this.db, seq));
  }
}
