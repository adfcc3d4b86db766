import type { Role } from '../domain/roles.js';
import type { Distribution, SignalStatus } from '../domain/signal-record.js';
import type { Label } from '../taxonomy/labels.js';
import type { AuditPort, BankPort, ChangeLogPort, FeedLogPort, MatchCountPort, PartnerKeyPort, SettingsPort, SignalPort, SyncCursorPort } from './store-ports.js';

export type { AuditPort, BankPort, ChangeLogPort, FeedLogPort, MatchCountPort, PartnerKeyPort, SettingsPort, SignalPort, SyncCursorPort } from './store-ports.js';

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
  /** Added under this incident (its network-wide id): the signal carries it, and its matches roll up to it. */
  readonly incidentId?: string;
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
 * The node's persistent state: all the ports of store-ports.ts together. One
 * implementation (Kysely) serves SQLite and PostgreSQL; the contract suite in
 * store-contract.case.ts runs against both. Services should ask for the ports they use.
 *
 * Errors: ConcordError with NOT_FOUND, CONFLICT or STORE_UNAVAILABLE.
 */
export interface Store extends SettingsPort, PartnerKeyPort, BankPort, SignalPort, MatchCountPort, ChangeLogPort, AuditPort, FeedLogPort, SyncCursorPort {
  readonly dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;
}
