/** The shapes of the public API the console reads (see /docs for the full description). */
export type Role = 'admin' | 'curator' | 'reviewer' | 'matcher' | 'auditor';

export interface Me {
  keyId: string;
  partnerId: string;
  node: string;
  roles: Role[];
  expiresAt: string | null;
}

export interface Bank {
  id: number;
  name: string;
  description: string;
  owner: string;
  createdAt: string;
}

export interface Signal {
  id: number;
  uid: string;
  origin: string | null;
  receivedFrom: string | null;
  bankId: number;
  type: string;
  value: string;
  label: string;
  reason: string;
  contributor: string;
  distribution: string;
  status: string;
  statusReason: string | null;
  matchCount: number;
  createdAt: string;
  addedByKey: string | null;
  confirmations: number;
  confirmationsRequired: number;
  confirmedAt: string | null;
}

export interface Opinion {
  id: number;
  partner: string;
  opinion: string;
  reason: string;
  createdAt: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorPartner: string;
  actorKey: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  details: Record<string, unknown>;
  hash: string;
}

export interface HashedSignal {
  type: string;
  value: string;
  quality?: number;
  matchable: boolean;
}

export interface Match {
  signalId: number;
  bankId: number;
  type: string;
  distance: number;
  label: string;
  contributor: string;
  status: string;
}

export interface Partner {
  id: string;
  name: string;
  kind: 'self' | 'partner';
  url: string | null;
  sync: { lag: number; lastSuccessAt: string | null; lastError: string | null } | null;
}

export interface ApiKey {
  id: string;
  partnerId: string;
  roles: Role[];
  purpose: string;
  createdAt: string;
  revokedAt: string | null;
  expiresAt: string | null;
}

export interface Tally {
  key: string;
  signals: number;
  matches: number;
}
