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

/** GET /v1/stats/matches: matches per bucket (hour or day), by label and by signal type. */
export interface MatchSeriesLine {
  key: string;
  matches: number[];
  total: number;
}
export interface MatchSeries {
  period: { from: string; to: string };
  bucket: 'hour' | 'day';
  buckets: string[];
  byLabel: MatchSeriesLine[];
  byType: MatchSeriesLine[];
}

/** An alert (GET /v1/alerts), raised here or received from the partner named in `origin`. */
export interface Alert {
  uid: string;
  origin: string;
  kind: string;
  severity: 'info' | 'warning' | 'critical';
  title: string;
  subject: { type: string; id: string };
  incidentId: string | null;
  signalUids: string[];
  details: Record<string, unknown>;
  distribution: string;
  repeatCount: number;
  firstAt: string;
  lastAt: string;
  receivedFrom: string | null;
}

/** The fields of an incident the dashboard shows (GET /v1/incidents). */
export interface IncidentSummary {
  id: string;
  title: string;
  tier: string;
  status: 'open' | 'concluded';
  declarer: string;
  declaredAt: string;
  signalUids: string[];
}

/** The fields of a referral the dashboard shows (GET /v1/referrals?overdue=true). */
export interface ReferralSummary {
  id: string;
  role: string;
  kind: string;
  status: string;
  sender: string;
  receiver: string;
  label: string;
  overdue: boolean;
  clock: { dueAt: string | null };
}

/** An entry of the review queue (GET /v1/review): an uncertain match or a new-variant candidate. */
export interface ReviewEntry {
  id: number;
  kind: 'match' | 'variant_candidate';
  signalUid: string;
  cluster: string | null;
  candidate: { type: string; value: string } | null;
  distance: number | null;
  confidence: number | null;
  details: Record<string, unknown>;
  status: 'pending' | 'accepted' | 'rejected';
  createdAt: string;
  acceptedSignalId: number | null;
}

/** A table of the transparency report (GET /v1/reports/transparency), as its sections render it. */
export interface ReportTable {
  name: string;
  title: string;
  dimensions: string[];
  measures: string[];
  rows: { key: Record<string, string>; counts: Record<string, number>; [extra: string]: unknown }[];
  totals: Record<string, number>;
}
export interface TransparencyReport {
  period: { from: string; to: string };
  node: string;
  generatedAt: string;
  countedFor: string;
  sections: Record<string, { tables?: ReportTable[]; notes?: string[] } | unknown>;
}
