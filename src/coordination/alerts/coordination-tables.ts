import type { Generated, Kysely, Transaction } from 'kysely';
import type { Database } from '../../store/database-schema.js';

/**
 * The tables of alerts, actions and early warning (migration 0011-alerts-actions). They
 * are typed here, beside the code that owns them, instead of in the core schema: the
 * core store never reads them, and each coordination module keeps its tables to itself.
 * `coordinationDb(db)` gives a handle that knows both.
 */
export interface CoordinationTables {
  alerts: {
    id: Generated<number>;
    /** Network-wide id: `<origin node>:<local uuid>`. */
    uid: string;
    /** The node that raised the alert (its contributor). */
    origin: string;
    kind: string;
    severity: string;
    title: string;
    subject_type: string;
    subject_id: string;
    dedupe_key: string;
    incident_id: string | null;
    signal_uids: string; // JSON array
    details: string; // JSON object
    distribution: string;
    audience_node: string | null;
    repeat_count: number;
    first_at: string;
    last_at: string;
    received_from: string | null;
    /** For a received alert: the signed feed event it came in, as proof of origin. */
    origin_event: string | null;
  };
  /** Migration 0017-alert-acks: who at this node acknowledged an alert (see alert-acks.ts). */
  alert_acks: {
    alert_uid: string;
    /** The organisation whose key acknowledged: this node's own, or a partner organisation's. */
    organisation: string;
    key_id: string;
    note: string;
    at: string;
  };
  action_rules: {
    id: string;
    /** The partner organisation whose matches at this node the rule acts on. */
    partner: string;
    description: string;
    signal_types: string; // JSON array; empty: any
    labels: string; // JSON array; empty: any
    incident_id: string | null;
    max_distance: number | null;
    /** 'webhook' | 'review' | 'log' */
    action: string;
    url: string | null;
    secret: string | null;
    /** Matches whose confidence is under this go to human review whatever the action. */
    review_below: number;
    /** 1: alerts are sent to this rule's webhook too. */
    on_alerts: number;
    created_at: string;
    disabled_at: string | null;
  };
  action_deliveries: {
    id: Generated<number>;
    rule_id: string;
    /** 'match' | 'alert' */
    event: string;
    body: string;
    /** 'pending' | 'delivered' | 'dead' */
    status: string;
    attempts: number;
    next_attempt_at: string;
    last_status: number | null;
    last_error: string | null;
    created_at: string;
    done_at: string | null;
  };
  action_attempts: {
    delivery_id: number;
    attempt: number;
    at: string;
    status_code: number | null;
    error: string | null;
  };
  review_items: {
    id: Generated<number>;
    /** 'match' | 'variant_candidate' */
    kind: string;
    rule_id: string | null;
    partner: string | null;
    signal_uid: string;
    cluster: string | null;
    candidate_type: string | null;
    candidate_value: string | null;
    distance: number | null;
    confidence: number | null;
    details: string; // JSON
    /** 'pending' | 'accepted' | 'rejected' */
    status: string;
    created_at: string;
    decided_at: string | null;
    decided_by_key: string | null;
    accepted_signal_id: number | null;
  };
  sightings: {
    /** The node that counted the matches. */
    node: string;
    signal_uid: string;
    period_start: string;
    period_ms: number;
    count: number;
    received_at: string;
  };
}

export type CoordinationDatabase = Database & CoordinationTables;

export const coordinationDb = (db: Kysely<Database>): Kysely<CoordinationDatabase> => db as unknown as Kysely<CoordinationDatabase>;
export const coordinationTrx = (trx: Transaction<Database>): Transaction<CoordinationDatabase> => trx as unknown as Transaction<CoordinationDatabase>;
