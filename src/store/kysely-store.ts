import { randomUUID } from 'node:crypto';
import { Kysely, Migrator, sql, type Transaction } from 'kysely';
import type { Role } from '../domain/roles.js';
import type { Label } from '../taxonomy/labels.js';
import type { BankRecord, OpinionKind, OpinionRecord, SignalRecord, SignalStatus } from '../domain/signal-record.js';
import { ConcordError } from '../errors/concord-error.js';
import type { Database } from './database-schema.js';
import { migrationProvider, type DialectName } from './migrations.js';
import { appendAudit, listAudit, lockWrites, verifyAudit } from './store-audit.js';
import { checkAgainst, listCheckpoints, publishCheckpoint } from './store-checkpoints.js';
import { previousFeedKeys, rotationsAfter } from './store-feed-keys.js';
import type { AuditCheckpoint } from '../exchange/audit-checkpoint.js';
import type { WireEvent } from '../exchange/feed/feed-event.js';
import { mapStoreError } from './store-errors.js';
import { toApiKey, toBank, toOpinion, toPartner, toSignal } from './store-rows.js';
import { noteChanges, setStatus, signalAuditDetails, signalForUpdate } from './store-signals.js';
import type { PendingEvent } from '../exchange/feed/feed-body.js';
import { aboutSignal, appendFeed, feedAfter, isShared, latestFeedSeq, sharedSignal, type FeedSigner, type StoredFeedEvent } from './store-feed.js';
import { applyReceived, bySignalUid, recomputeStatus, type ReceivedEvent } from './store-sync.js';
import { listCursors, readCursor, writeCursor, type SyncCursor } from './store-cursors.js';
import type { AuditEvent } from './store-audit.js';
import { idsByCount } from './match-count-groups.js';
import { bankHolds, bankIdsHolding, existingSignalKeys, signalsByChange, type LevelFilter } from './store-exchange.js';
import type { Actor, ApiKeyRecord, AuditEntry, AuditVerification, IndexRow, NewSignal, PartnerRecord, Store } from './store.js';

const now = () => new Date().toISOString();

/** The Store on Kysely: one implementation for SQLite and PostgreSQL. */
export class KyselyStore implements Store {
  private signer?: FeedSigner;
  private readonly commitListeners = new Set<() => void>();

  private constructor(readonly db: Kysely<Database>, readonly dialect: DialectName) {}

  /** Gives the store the node key, so changes that partners may see are published to the feed. */
  attachFeedSigner(signer: FeedSigner): void {
    this.signer = signer;
  }

  /**
   * Hands the node's feed over to a new key: a `key.rotated` event signed by the current
   * key announces the new one to every partner, and every later event is signed by it.
   */
  rotateFeedKey(next: FeedSigner, keys: { previous: string; publicKey: string }): Promise<void> {
    return this.changeTx(async (trx) => {
      const at = now();
      const self = this.signer?.nodeId;
      if (!self) throw new ConcordError('NODE_KEY_MISSING', 'no node key is loaded, so there is nothing to rotate');
      const registered = await trx.selectFrom('node_settings').select('value').where('key', '=', 'node.public_key').executeTakeFirst();
      if (registered?.value !== keys.previous) throw new ConcordError('NODE_KEY_MISMATCH', `the key loaded is not the key this database belongs to (${registered?.value})`);
      await appendFeed(trx, this.signer, at, [{ body: { type: 'key.rotated', previous: keys.previous, publicKey: keys.publicKey }, audience: 'network' }]);
      await trx.updateTable('node_settings').set({ value: keys.publicKey }).where('key', '=', 'node.public_key').execute();
      await trx.updateTable('partners').set({ public_key: keys.publicKey }).where('id', '=', self).execute();
      await appendAudit(trx, this.dialect, { partner: self, keyId: null }, at, [{ action: 'node.key_rotated', subjectType: 'partner', subjectId: self, details: keys }]);
    }).then(() => {
      this.signer = next;
    });
  }

  get nodeId(): string | undefined {
    return this.signer?.nodeId;
  }

  /** Called after every committed change: wakes feed subscribers waiting for news. */
  onCommit(listener: () => void): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  /** Opens the store and brings its schema up to date. */
  static async open(db: Kysely<Database>, dialect: DialectName): Promise<KyselyStore> {
    const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
    const { error } = await migrator.migrateToLatest();
    if (error) throw mapStoreError(error);
    return new KyselyStore(db, dialect);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  private async run<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw mapStoreError(err);
    }
  }

  private tx<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.run(() => this.db.transaction().execute(fn));
  }

  /**
   * A transaction that writes the change log. On PostgreSQL it first takes the write
   * lock, so change-log sequence numbers are handed out in commit order: a process that
   * has read up to seq N can never later see a commit with a smaller seq.
   */
  private async changeTx<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    const result = await this.tx(async (trx) => {
      await lockWrites(trx, this.dialect);
      const r = await fn(trx);
      await publishCheckpoint(trx, this.signer, now(), this.checkpointEvery); // audit checkpoints: every N entries
      return r;
    });
    for (const listener of this.commitListeners) listener();
    return result;
  }

  getSetting(key: string): Promise<string | undefined> {
    return this.run(async () => (await this.db.selectFrom('node_settings').select('value').where('key', '=', key).executeTakeFirst())?.value);
  }

  setSetting(key: string, value: string): Promise<void> {
    return this.run(async () => {
      await this.db.insertInto('node_settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
    });
  }

  initSetting(key: string, value: string): Promise<string> {
    return this.tx(async (trx) => {
      await trx.insertInto('node_settings').values({ key, value }).onConflict((oc) => oc.column('key').doNothing()).execute();
      return (await trx.selectFrom('node_settings').select('value').where('key', '=', key).executeTakeFirstOrThrow()).value;
    });
  }

  createPartner(input: Parameters<Store['createPartner']>[0], actor: Actor): Promise<PartnerRecord> {
    return this.tx(async (trx) => {
      const at = now();
      const row = {
        id: input.id,
        name: input.name,
        kind: input.kind,
        url: input.url ?? null,
        public_key: input.publicKey ?? null,
        sharing_groups: (input.sharingGroups ?? []).join(','),
        created_at: at,
      };
      await trx.insertInto('partners').values(row).execute();
      await appendAudit(trx, this.dialect, actor, at, [{ action: 'partner.created', subjectType: 'partner', subjectId: input.id, details: { name: input.name, kind: input.kind, url: row.url, publicKey: row.public_key, sharingGroups: input.sharingGroups ?? [] } }]);
      return toPartner(row);
    });
  }

  updatePartner(id: string, patch: { url?: string | null; publicKey?: string | null; sharingGroups?: readonly string[] }, actor: Actor): Promise<PartnerRecord> {
    return this.tx(async (trx) => {
      const before = await trx.selectFrom('partners').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) throw new ConcordError('NOT_FOUND', `no partner with id ${id}`);
      const set = {
        ...(patch.url !== undefined ? { url: patch.url } : {}),
        ...(patch.publicKey !== undefined ? { public_key: patch.publicKey } : {}),
        ...(patch.sharingGroups !== undefined ? { sharing_groups: patch.sharingGroups.join(',') } : {}),
      };
      if (Object.keys(set).length > 0) await trx.updateTable('partners').set(set).where('id', '=', id).execute();
      await appendAudit(trx, this.dialect, actor, now(), [{ action: 'partner.updated', subjectType: 'partner', subjectId: id, details: { before: { url: before.url, publicKey: before.public_key, sharingGroups: before.sharing_groups }, after: patch } }]);
      return toPartner({ ...before, ...set });
    });
  }

  getPartner(id: string): Promise<PartnerRecord | undefined> {
    return this.run(async () => {
      const row = await this.db.selectFrom('partners').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toPartner(row);
    });
  }

  listPartners(): Promise<PartnerRecord[]> {
    return this.run(async () => (await this.db.selectFrom('partners').selectAll().orderBy('created_at').execute()).map(toPartner));
  }

  createApiKey(input: Parameters<Store['createApiKey']>[0], actor: Actor): Promise<ApiKeyRecord> {
    return this.tx(async (trx) => {
      const at = now();
      const partner = await trx.selectFrom('partners').select('id').where('id', '=', input.partnerId).executeTakeFirst();
      if (!partner) throw new ConcordError('NOT_FOUND', `no partner with id ${input.partnerId}`);
      const row = { id: input.id, partner_id: input.partnerId, key_hash: input.keyHash, roles: input.roles.join(','), purpose: input.purpose, created_at: at, revoked_at: null, expires_at: input.expiresAt ?? null };
      await trx.insertInto('api_keys').values(row).execute();
      await appendAudit(trx, this.dialect, actor, at, [{ action: 'key.created', subjectType: 'key', subjectId: input.id, details: { partner: input.partnerId, roles: [...input.roles], purpose: input.purpose, ...(row.expires_at ? { expiresAt: row.expires_at } : {}) } }]);
      return toApiKey(row);
    });
  }

  findApiKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    return this.run(async () => {
      const row = await this.db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
      return row && toApiKey(row);
    });
  }

  listApiKeys(): Promise<ApiKeyRecord[]> {
    return this.run(async () => (await this.db.selectFrom('api_keys').selectAll().orderBy('created_at').execute()).map(toApiKey));
  }

  revokeApiKey(id: string, actor: Actor): Promise<ApiKeyRecord> {
    return this.tx(async (trx) => {
      const at = now();
      const row = await trx.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new ConcordError('NOT_FOUND', `no API key with id ${id}`);
      if (row.revoked_at) throw new ConcordError('CONFLICT', `API key ${id} was already revoked at ${row.revoked_at}`);
      await trx.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).execute();
      await appendAudit(trx, this.dialect, actor, at, [{ action: 'key.revoked', subjectType: 'key', subjectId: id, details: {} }]);
      return toApiKey({ ...row, revoked_at: at });
    });
  }

  createBank(input: { name: string; description: string }, actor: Actor): Promise<BankRecord> {
    return this.tx(async (trx) => {
      const at = now();
      const taken = await trx.selectFrom('banks').select('id').where('name', '=', input.name).executeTakeFirst();
      if (taken) throw new ConcordError('CONFLICT', `a bank named "${input.name}" exists already (id ${taken.id})`);
      const row = await trx
        .insertInto('banks')
        .values({ name: input.name, description: input.description, owner: actor.partner, created_at: at, updated_at: at })
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendAudit(trx, this.dialect, actor, at, [{ action: 'bank.created', subjectType: 'bank', subjectId: Number(row.id), details: { name: input.name, description: input.description } }]);
      return toBank(row);
    });
  }

  getBank(id: number): Promise<BankRecord | undefined> {
    return this.run(async () => {
      const row = await this.db.selectFrom('banks').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toBank(row);
    });
  }

  listBanks(): Promise<BankRecord[]> {
    return this.run(async () => (await this.db.selectFrom('banks').selectAll().orderBy('id').execute()).map(toBank));
  }

  updateBank(id: number, patch: { name?: string; description?: string }, actor: Actor): Promise<BankRecord> {
    return this.tx(async (trx) => {
      const at = now();
      const before = await trx.selectFrom('banks').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) throw new ConcordError('NOT_FOUND', `no bank with id ${id}`);
      if (patch.name !== undefined && patch.name !== before.name) {
        const taken = await trx.selectFrom('banks').select('id').where('name', '=', patch.name).executeTakeFirst();
        if (taken) throw new ConcordError('CONFLICT', `a bank named "${patch.name}" exists already (id ${taken.id})`);
      }
      const set = { ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.description !== undefined ? { description: patch.description } : {}), updated_at: at };
      await trx.updateTable('banks').set(set).where('id', '=', id).execute();
      await appendAudit(trx, this.dialect, actor, at, [{ action: 'bank.updated', subjectType: 'bank', subjectId: id, details: { before: { name: before.name, description: before.description }, after: patch } }]);
      return toBank({ ...before, ...set });
    });
  }

  addSignals(bankId: number, signals: readonly NewSignal[], actor: Actor, options: { reviewed?: boolean } = {}): Promise<SignalRecord[]> {
    return this.changeTx(async (trx) => {
      const at = now();
      const bank = await trx.selectFrom('banks').select(['id', 'name']).where('id', '=', bankId).executeTakeFirst();
      if (!bank) throw new ConcordError('NOT_FOUND', `no bank with id ${bankId}`);
      const seen = new Set<string>();
      for (const [i, s] of signals.entries()) {
        const key = `${s.type}\u0000${s.value}`;
        if (seen.has(key)) throw new ConcordError('CONFLICT', `signals[${i}] repeats ${s.type} ${s.value} within the batch`);
        seen.add(key);
      }
      const records: SignalRecord[] = [];
      for (let i = 0; i < signals.length; i += 500) {
        const chunk = signals.slice(i, i + 500);
        const rows = await trx
          .insertInto('signals')
          .values(
            chunk.map((s) => ({
              bank_id: bankId,
              type: s.type,
              value: s.value,
              label: s.label,
              reason: s.reason,
              contributor: actor.partner,
              reviewed_by_key: options.reviewed ? actor.keyId : null,
              reviewed_at: options.reviewed ? at : null,
              distribution: s.distribution,
              status: 'active',
              status_reason: null,
              match_count: 0,
              last_matched_at: null,
              created_at: at,
              updated_at: at,
              uid: randomUUID(),
              origin: null,
              received_from: null,
              origin_event: null,
            })),
          )
          .returningAll()
          .execute();
        // RETURNING order follows VALUES order on both engines; re-sort by id to be sure.
        records.push(...rows.map(toSignal).sort((a, b) => a.id - b.id));
      }
      await noteChanges(trx, records.map((r) => r.id), at);
      await appendAudit(
        trx,
        this.dialect,
        actor,
        at,
        records.map((r) => ({ action: 'signal.added', subjectType: 'signal', subjectId: r.id, details: { ...signalAuditDetails(r), uid: r.uid, reviewed: options.reviewed === true } })),
      );
      const self = this.signer?.nodeId ?? actor.partner;
      await appendFeed(
        trx,
        this.signer,
        at,
        records.filter(isShared).map((r) => ({ body: { type: 'signal.added', signal: sharedSignal(r, bank.name, self) }, audience: r.distribution })),
      );
      return records;
    });
  }

  getSignal(id: number): Promise<SignalRecord | undefined> {
    return this.run(async () => {
      const row = await this.db.selectFrom('signals').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toSignal(row);
    });
  }

  getSignals(ids: readonly number[]): Promise<SignalRecord[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.run(async () => (await this.db.selectFrom('signals').selectAll().where('id', 'in', [...ids]).execute()).map(toSignal));
  }

  retractSignal(id: number, reason: string, actor: Actor): Promise<SignalRecord> {
    return this.changeTx(async (trx) => {
      const at = now();
      const signal = await signalForUpdate(trx, id);
      if (signal.contributor !== actor.partner) {
        throw new ConcordError('FORBIDDEN', `only the contributor (${signal.contributor}) can retract signal ${id}; dispute it instead`);
      }
      if (signal.status === 'retracted') throw new ConcordError('CONFLICT', `signal ${id} was already retracted`);
      await setStatus(trx, id, 'retracted', reason, at);
      await noteChanges(trx, [id], at);
      await appendAudit(trx, this.dialect, actor, at, [{ action: 'signal.retracted', subjectType: 'signal', subjectId: id, details: { reason, previousStatus: signal.status } }]);
      if (isShared(signal)) await appendFeed(trx, this.signer, at, [aboutSignal(signal, { type: 'signal.retracted', uid: signal.uid, reason })]);
      return { ...signal, status: 'retracted', statusReason: reason, updatedAt: at };
    });
  }

  relabelSignal(id: number, label: Label, reason: string, actor: Actor): Promise<SignalRecord> {
    return this.changeTx(async (trx) => {
      const at = now();
      const signal = await signalForUpdate(trx, id);
      if (signal.contributor !== actor.partner) {
        throw new ConcordError('FORBIDDEN', `only the contributor (${signal.contributor}) can correct the label of signal ${id}; dispute it instead`);
      }
      if (signal.label === label) throw new ConcordError('CONFLICT', `signal ${id} is already labelled ${label}`);
      await trx.updateTable('signals').set({ label, updated_at: at }).where('id', '=', id).execute();
      await noteChanges(trx, [id], at);
      await appendAudit(trx, this.dialect, actor, at, [{ action: 'signal.label_changed', subjectType: 'signal', subjectId: id, details: { from: signal.label, to: label, reason } }]);
      if (isShared(signal)) await appendFeed(trx, this.signer, at, [aboutSignal(signal, { type: 'signal.label_changed', uid: signal.uid, label, reason })]);
      return { ...signal, label, updatedAt: at };
    });
  }

  addOpinion(signalId: number, input: { opinion: OpinionKind; reason: string }, actor: Actor, disputeThreshold: number): Promise<{ opinion: OpinionRecord; signal: SignalRecord }> {
    return this.changeTx(async (trx) => {
      const at = now();
      const signal = await signalForUpdate(trx, signalId);
      const row = await trx
        .insertInto('opinions')
        .values({ signal_id: signalId, partner: actor.partner, opinion: input.opinion, reason: input.reason, created_at: at, uid: randomUUID() })
        .returningAll()
        .executeTakeFirstOrThrow();
      const ctx = { trx, at, disputeThreshold, changed: [] as number[], feed: [] as PendingEvent[], audit: [] as AuditEvent[] };
      ctx.audit.push({ action: 'opinion.added', subjectType: 'signal', subjectId: signalId, details: { opinion: input.opinion, reason: input.reason, partner: actor.partner } });
      ctx.feed.push(aboutSignal(signal, { type: 'opinion.added', uid: signal.uid, opinionUid: row.uid, partner: actor.partner, opinion: input.opinion, reason: input.reason }));
      let updated: SignalRecord = signal;
      if (input.opinion === 'confirmed' && actor.partner === signal.contributor) {
        await trx.updateTable('signals').set({ reviewed_by_key: actor.keyId, reviewed_at: at, updated_at: at }).where('id', '=', signalId).execute();
        updated = { ...updated, reviewedByKey: actor.keyId, reviewedAt: at, updatedAt: at };
      }
      // Only the signal's origin turns opinions into a status; the others learn it from its feed.
      if (signal.origin === null) updated = await recomputeStatus(ctx, updated);
      await noteChanges(trx, ctx.changed, at);
      await appendAudit(trx, this.dialect, actor, at, ctx.audit);
      if (isShared(signal)) await appendFeed(trx, this.signer, at, ctx.feed);
      return { opinion: toOpinion(row), signal: updated };
    });
  }

  listOpinions(signalId: number): Promise<OpinionRecord[]> {
    return this.run(async () => (await this.db.selectFrom('opinions').selectAll().where('signal_id', '=', signalId).orderBy('id').execute()).map(toOpinion));
  }

  recordMatches(counts: ReadonlyMap<number, number>, at: string): Promise<void> {
    if (counts.size === 0) return Promise.resolve();
    // A second's counts of a busy node are thousands of signals: the flush must not hold
    // the event loop or the write lock for long.
    const byCount = idsByCount(counts);
    return this.tx(async (trx) => {
      for (const [n, ids] of byCount) {
        for (let i = 0; i < ids.length; i += 500) {
          await trx.updateTable('signals').set({ match_count: sql`match_count + ${n}`, last_matched_at: at }).where('id', 'in', ids.slice(i, i + 500)).execute();
        }
      }
    });
  }

  scanIndexRows(afterId: number, limit: number): Promise<IndexRow[]> {
    return this.run(async () => {
      const rows = await this.db.selectFrom('signals').select(['id', 'type', 'value', 'status']).where('id', '>', afterId).orderBy('id').limit(limit).execute();
      return rows.map((r) => ({ id: Number(r.id), type: r.type, value: r.value, status: r.status as SignalStatus }));
    });
  }

  changesAfter(seq: number, limit: number): Promise<{ lastSeq: number; rows: IndexRow[] }> {
    return this.run(async () => {
      const changes = await this.db.selectFrom('signal_changes').select(['seq', 'signal_id']).where('seq', '>', seq).orderBy('seq').limit(limit).execute();
      if (changes.length === 0) return { lastSeq: seq, rows: [] };
      const ids = [...new Set(changes.map((c) => Number(c.signal_id)))];
      const rows = await this.db.selectFrom('signals').select(['id', 'type', 'value', 'status']).where('id', 'in', ids).execute();
      return {
        lastSeq: Number(changes[changes.length - 1]!.seq),
        rows: rows.map((r) => ({ id: Number(r.id), type: r.type, value: r.value, status: r.status as SignalStatus })),
      };
    });
  }

  latestChangeSeq(): Promise<number> {
    return this.run(async () => {
      const row = await this.db.selectFrom('signal_changes').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
      return Number(row?.seq ?? 0);
    });
  }

  /** The origin's signed event a received signal was taken in from (JSON), or null for this node's own. */
  getOriginEvent(id: number): Promise<string | null> {
    return this.run(async () => (await this.db.selectFrom('signals').select('origin_event').where('id', '=', id).executeTakeFirst())?.origin_event ?? null);
  }

  getSignalByUid(uid: string): Promise<SignalRecord | undefined> {
    return this.run(() => bySignalUid(this.db, uid));
  }

  feedAfter(afterSeq: number, limit: number): Promise<StoredFeedEvent[]> {
    return this.run(() => feedAfter(this.db, afterSeq, limit));
  }

  latestFeedSeq(): Promise<number> {
    return this.run(() => latestFeedSeq(this.db));
  }

  getSyncCursor(partnerId: string): Promise<SyncCursor> {
    return this.run(() => readCursor(this.db, partnerId));
  }

  listSyncCursors(): Promise<SyncCursor[]> {
    return this.run(() => listCursors(this.db));
  }

  /**
   * Applies a verified page of a partner's feed and moves the cursor in the same
   * transaction. If the cursor is no longer at `afterSeq` (another process applied the
   * page first) nothing is applied: CONFLICT, and the caller re-reads the cursor.
   */
  applyFeedPage(
    partnerId: string,
    page: { afterSeq: number; lastSeq: number; lastHash: string; remoteHead: number; events: readonly ReceivedEvent[] },
    disputeThreshold: number,
  ): Promise<{ applied: number; skipped: number; changedSignals: number }> {
    return this.changeTx(async (trx) => {
      const at = now();
      const cursor = await readCursor(trx, partnerId);
      if (cursor.lastSeq !== page.afterSeq) throw new ConcordError('CONFLICT', `the cursor for ${partnerId} moved to ${cursor.lastSeq}; expected ${page.afterSeq}`);
      const partnerRow = await trx.selectFrom('partners').selectAll().where('id', '=', partnerId).executeTakeFirst();
      if (!partnerRow) throw new ConcordError('NOT_FOUND', `no partner with id ${partnerId}`);
      const result = await applyReceived(trx, this.dialect, this.signer, toPartner(partnerRow), page.events, disputeThreshold, at);
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
    return this.run(async () => {
      const at = now();
      await writeCursor(
        this.db,
        partnerId,
        outcome.error !== undefined
          ? { last_error: outcome.error.slice(0, 1000), last_error_at: at }
          : { last_success_at: at, last_error: null, ...(outcome.remoteHead !== undefined ? { remote_head: outcome.remoteHead } : {}) },
      );
    });
  }

  listAudit(options: { afterSeq?: number; limit: number; subjectType?: string; subjectId?: string }): Promise<AuditEntry[]> {
    return this.run(() => listAudit(this.db, options));
  }

  verifyAudit(): Promise<AuditVerification> {
    return this.run(() => verifyAudit(this.db));
  }

  // Exchange-format reads (store-exchange.ts), behind the error mapping so an outage is STORE_UNAVAILABLE.
  signalsByChange(query: Parameters<typeof signalsByChange>[1]): Promise<SignalRecord[]> {
    return this.run(() => signalsByChange(this.db, query));
  }

  bankIdsHolding(filter: LevelFilter): Promise<Set<number>> {
    return this.run(() => bankIdsHolding(this.db, filter));
  }

  bankHolds(bankId: number, filter: LevelFilter): Promise<boolean> {
    return this.run(() => bankHolds(this.db, bankId, filter));
  }

  existingSignalKeys(bankId: number, pairs: readonly { type: string; value: string }[]): Promise<Set<string>> {
    return this.run(() => existingSignalKeys(this.db, bankId, pairs));
  }

  // --- Audit checkpoints (store-checkpoints.ts) ---
  private checkpointEvery = 0;

  /** Publishes a checkpoint of the audit chain whenever a change leaves it `every` entries past the last one (0: never). */
  setAuditCheckpointEvery(every: number): void {
    this.checkpointEvery = every;
  }

  /** Publishes a checkpoint now if the audit chain grew since the last one (the periodic job). */
  publishAuditCheckpoint(): Promise<AuditCheckpoint | undefined> {
    return this.changeTx((trx) => publishCheckpoint(trx, this.signer, now(), 1));
  }

  listAuditCheckpoints(node: string, limit: number): Promise<AuditCheckpoint[]> {
    return this.run(() => listCheckpoints(this.db, node, limit));
  }

  /** The first checkpoint the audit chain disagrees with (truncated or rewritten), if any. */
  checkAuditAgainst(checkpoints: readonly AuditCheckpoint[]): Promise<{ checkpoint: AuditCheckpoint; problem: string } | undefined> {
    return this.run(() => checkAgainst(this.db, checkpoints));
  }

  /** Keys this node's feed was signed with before its current one. */
  previousFeedKeys(): Promise<string[]> {
    return this.run(() => previousFeedKeys(this.db));
  }

  /** This node's key rotations after a feed position (wire events), for heads signed ahead of a reader. */
  feedRotationsAfter(seq: number): Promise<WireEvent[]> {
    return this.run(() => rotationsAfter(this.db, seq));
  }
}
