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

/** An incident (GET /v1/incidents/:id); `id` is network-wide, the same at every node that holds it. */
export interface Incident {
  id: string;
  title: string;
  tier: string;
  criteria: { criterion: string; met: boolean; reason: string }[];
  eventAt: string;
  discoveredAt: string;
  banks: string[];
  signalUids: string[];
  externalRefs: { protocol: string; id: string }[];
  leadProtocol: string | null;
  distribution: string;
  declarer: string;
  receivedFrom: string | null;
  status: 'open' | 'concluded';
  declaredAt: string;
  concludedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One entry of an incident's shared timeline, signed by the node that wrote it (`byNode`). */
export interface TimelineEntry {
  id: string;
  incidentId: string;
  byNode: string;
  nodeSeq: number;
  kind: string;
  eventAt: string;
  discoveredAt: string;
  text: string;
  data: Record<string, unknown>;
  receivedFrom: string | null;
  recordedAt: string;
}

export interface Debrief {
  declaredAt: string;
  firstSignalSharedAt: string | null;
  firstSignalSharedBy: string | null;
  declarationToFirstSignalSeconds: number | null;
  firstMatches: { node: string; at: string; afterDeclarationSeconds: number; afterFirstSignalSeconds: number | null }[];
  concludedAt: string | null;
  durationSeconds: number | null;
}

export interface IncidentDetail {
  incident: Incident;
  timeline: TimelineEntry[];
  debrief: Debrief;
}

/** A referral, removal order or threat-to-life notice as both parties see it (GET /v1/referrals/:id). */
export interface Referral {
  id: string;
  role: 'sender' | 'receiver' | 'scrutiny';
  sender: string;
  receiver: string;
  scrutinyAuthority: string | null;
  kind: 'removal_order' | 'referral' | 'threat_to_life';
  status: 'sent' | 'received' | 'acknowledged' | 'obstructed' | 'decided' | 'voided';
  label: string;
  grounds: string[];
  legalBasis: string;
  statementOfReasons: string;
  redress: string;
  noticeWithheld: { withheld: boolean; until: string | null };
  incidentId: string | null;
  order: { issuingAuthority: string; reference: string; memberState: string; issuedAt: string; contactPoint: string; viaHostAuthority: boolean } | null;
  content: { urls: string[]; signalUids: string[] };
  sentAt: string;
  receipt: { receivedAt: string; sentEventHash: string | null } | null;
  clock: { windowMs: number; stopsOn: 'acknowledgement' | 'decision'; startedAt: string | null; pausedMs: number; pausedSince: string | null; dueAt: string | null };
  overdue: boolean;
  overdueClocks: ('decision' | 'scrutiny_decision')[];
  acknowledgedAt: string | null;
  obstacle: { reason: string; explanation: string; at: string } | null;
  decision: { outcome: string; actedAt: string | null; reason: string; decidedAt: string } | null;
  scrutiny: { status: string | null; requestedAt: string | null; dueAt: string | null; decidedAt: string | null; reasons: string | null };
  reinstatement: { status: string; at: string | null } | null;
  linked: unknown;
  createdAt: string;
  updatedAt: string;
  history?: { eventId: string; type: string; at: string; node: string; details: Record<string, unknown>; signed: boolean }[];
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
  /** The signed-in key's organisation's acknowledgement (POST /v1/alerts/{uid}/ack), or null. */
  acknowledgement: { at: string; keyId: string; note: string } | null;
}

/** A tier this node accepts (GET /v1/incident-tiers), with the criteria it requires met. */
export interface IncidentTier {
  tier: string;
  requires: string[];
}

/** A partner node referrals can go to (GET /v1/partner-nodes): id and name only. */
export interface PartnerNode {
  id: string;
  name: string;
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
