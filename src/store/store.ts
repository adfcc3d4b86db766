import type { Role } from '../domain/roles.js';
import type { BankRecord, Distribution, OpinionKind, OpinionRecord, SignalRecord, SignalStatus } from '../domain/signal-record.js';
import type { Label } from '../taxonomy/labels.js';

/** Who did something: a partner organisation and, where it applies, the API key used. */
export interface Actor {
  readonly partner: string;
  readonly keyId: string | null;
}

export interface PartnerRecord {
  readonly id: string;
  readonly name: string;
  readonly kind: 'self' | 'partner';
  readonly url: string | null;
  readonly publicKey: string | null;
  readonly sharingGroups: readonly string[];
  readonly createdAt: string;
}

export interface ApiKeyRecord {
  readonly id: string;
  readonly partnerId: string;
  readonly roles: readonly Role[];
  /** What the key is for ("upload pipeline"), never whose it is. */
  readonly purpose: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
  /** ISO time from which the key is refused (AUTH_EXPIRED); null: it never expires. */
  readonly expiresAt: string | null;
}

export interface NewSignal {
  readonly type: string;
  readonly value: string;
  readonly label: Label;
  readonly reason: string;
  readonly distribution: Distribution;
}

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly actorPartner: string;
  readonly actorKey: string | null;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly prevHash: string;
  readonly hash: string;
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly checked: number;
  /** The first entry whose hash or link does not verify. */
  readonly firstBroken?: { readonly seq: number; readonly problem: string };
}

/** The minimum the match index needs of a signal. */
export interface IndexRow {
  readonly id: number;
  readonly type: string;
  readonly value: string;
  readonly status: SignalStatus;
}

/**
 * The node's persistent state. Every method that changes state is one transaction that
 * also appends its audit entries and change-log rows, so a failed call stores nothing and
 * an acknowledged one is durable. One implementation (Kysely) serves SQLite and PostgreSQL;
 * the contract suite in store-contract.case.ts runs against both.
 *
 * Errors: ConcordError with NOT_FOUND, CONFLICT or STORE_UNAVAILABLE.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;

  getSetting(key: string): Promise<string | undefined>;
  /** Sets a setting only if it is not set yet; returns the value in force. */
  initSetting(key: string, value: string): Promise<string>;

  createPartner(input: { id: string; name: string; kind: 'self' | 'partner'; url?: string | null; publicKey?: string | null; sharingGroups?: readonly string[] }, actor: Actor): Promise<PartnerRecord>;
  getPartner(id: string): Promise<PartnerRecord | undefined>;
  listPartners(): Promise<PartnerRecord[]>;

  /** Stores a key by its hash; the secret itself is never stored. */
  createApiKey(input: { id: string; partnerId: string; keyHash: string; roles: readonly Role[]; purpose: string; expiresAt?: string | null }, actor: Actor): Promise<ApiKeyRecord>;
  findApiKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined>;
  listApiKeys(): Promise<ApiKeyRecord[]>;
  revokeApiKey(id: string, actor: Actor): Promise<ApiKeyRecord>;

  createBank(input: { name: string; description: string }, actor: Actor): Promise<BankRecord>;
  getBank(id: number): Promise<BankRecord | undefined>;
  listBanks(): Promise<BankRecord[]>;
  updateBank(id: number, patch: { name?: string; description?: string }, actor: Actor): Promise<BankRecord>;

  /** Adds a batch to a bank: all of it or none of it. Returns records in input order. */
  addSignals(bankId: number, signals: readonly NewSignal[], actor: Actor, options?: { reviewed?: boolean }): Promise<SignalRecord[]>;
  getSignal(id: number): Promise<SignalRecord | undefined>;
  getSignals(ids: readonly number[]): Promise<SignalRecord[]>;
  retractSignal(id: number, reason: string, actor: Actor): Promise<SignalRecord>;
  /** Corrects a signal's label (contributor only); the old label stays in the audit trail. */
  relabelSignal(id: number, label: Label, reason: string, actor: Actor): Promise<SignalRecord>;
  /**
   * Records an opinion and recomputes the signal's status: disputed once `disputeThreshold`
   * distinct partners dispute it, or its contributor does; a reviewer's confirmation on the
   * contributing node marks it reviewed.
   */
  addOpinion(signalId: number, input: { opinion: OpinionKind; reason: string }, actor: Actor, disputeThreshold: number): Promise<{ opinion: OpinionRecord; signal: SignalRecord }>;
  listOpinions(signalId: number): Promise<OpinionRecord[]>;
  /** Adds match counts (signal id → matches) and the time of the last match. */
  recordMatches(counts: ReadonlyMap<number, number>, at: string): Promise<void>;

  /** Pages through every signal for building indexes, by ascending id. */
  scanIndexRows(afterId: number, limit: number): Promise<IndexRow[]>;
  /** Signals changed after a change-log position, for keeping other processes' indexes current. */
  changesAfter(seq: number, limit: number): Promise<{ lastSeq: number; rows: IndexRow[] }>;
  latestChangeSeq(): Promise<number>;

  listAudit(options: { afterSeq?: number; limit: number; subjectType?: string; subjectId?: string }): Promise<AuditEntry[]>;
  verifyAudit(): Promise<AuditVerification>;
}
