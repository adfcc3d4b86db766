import type { Generated } from 'kysely';

/**
 * The tables, as Kysely sees them. One schema for SQLite and PostgreSQL.
 * Deliberately absent: any column for a person (uploader, account, IP address, e-mail,
 * author name). A test walks this schema and fails on such a column.
 * Timestamps are ISO-8601 UTC strings, so both dialects sort and compare them alike.
 */
export interface Database {
  node_settings: { key: string; value: string };
  partners: {
    id: string;
    name: string;
    kind: string; // 'self' | 'partner'
    url: string | null;
    public_key: string | null;
    sharing_groups: string; // comma-separated group names
    created_at: string;
  };
  api_keys: {
    id: string;
    partner_id: string;
    key_hash: string;
    roles: string; // comma-separated
    purpose: string;
    created_at: string;
    revoked_at: string | null;
    /** ISO time after which the key is refused; null for never. */
    expires_at: string | null;
  };
  banks: {
    id: Generated<number>;
    name: string;
    description: string;
    owner: string;
    created_at: string;
    updated_at: string;
  };
  signals: {
    id: Generated<number>;
    bank_id: number;
    type: string;
    value: string;
    label: string;
    reason: string;
    contributor: string;
    reviewed_by_key: string | null;
    reviewed_at: string | null;
    distribution: string;
    status: string;
    status_reason: string | null;
    match_count: number;
    last_matched_at: string | null;
    created_at: string;
    updated_at: string;
    /** Network-wide id: the same on every node that holds the signal. */
    uid: string;
    /** The node the signal was first contributed at; null when that is this node. */
    origin: string | null;
    /** The partner this node received it from; null for its own. */
    received_from: string | null;
    /** The origin's signed feed event, kept as received so anyone can re-verify it. */
    origin_event: string | null;
    /** The API key that added it here; null for received signals and the node's own loads. */
    added_by_key: Generated<string | null>;
    /** Distinct keys other than the adder that confirmed it. */
    confirmations: Generated<number>;
    confirmations_required: Generated<number>;
    /** When it became confirmed (received: when taken in); null means it does not leave the node. */
    confirmed_at: Generated<string | null>;
    /** The incident (network-wide id) the signal was added under; null for routine signals. */
    incident_uid: Generated<string | null>;
  };
  signal_confirmations: {
    signal_id: number;
    key_id: string;
    at: string;
  };
  opinions: {
    id: Generated<number>;
    signal_id: number;
    partner: string;
    opinion: string;
    reason: string;
    created_at: string;
    uid: string;
  };
  audit_log: {
    seq: number;
    at: string;
    actor_partner: string;
    actor_key: string | null;
    action: string;
    subject_type: string;
    subject_id: string;
    details: string; // canonical JSON
    prev_hash: string;
    hash: string;
  };
  feed_events: {
    seq: number;
    at: string;
    type: string;
    body: string; // canonical JSON, exactly as hashed and signed
    body_hash: string;
    prev_hash: string;
    hash: string;
    sig: string;
    audience: string; // a distribution level
    audience_node: string | null;
    hash_version: Generated<number>; // 1: audience not signed (before 0006-feed-audience), 2: signed
  };
  audit_checkpoints: {
    node: string; // the node whose audit chain it is: this node, or a partner
    feed_seq: number; // the checkpoint's event in that node's feed
    length: number; // audit entries covered
    head: string; // hash of entry `length`
    at: string;
    event: string; // the signed wire event, JSON: proof the node itself published it
  };
  sync_cursors: {
    partner_id: string;
    last_seq: number;
    last_hash: string;
    remote_head: number;
    applied: number;
    last_success_at: string | null;
    last_error: string | null;
    last_error_at: string | null;
  };
  incidents: {
    id: Generated<number>;
    uid: string; // network-wide id, the same on every node that holds the incident
    title: string;
    tier: string;
    criteria: string; // canonical JSON: the activation checklist, each criterion with met and reason
    event_at: string;
    discovered_at: string;
    banks: string; // canonical JSON: linked bank names at the declarer
    signal_uids: string; // canonical JSON: linked signals (network-wide ids)
    external_refs: string; // canonical JSON: [{ protocol, id }]
    lead_protocol: string | null;
    distribution: string;
    declarer: string; // the node that declared it; only it concludes
    received_from: string | null; // the partner it came from; null when declared here
    origin_event: string | null; // the declarer's signed feed event, as received
    status: string; // 'open' | 'concluded'
    concluded_at: string | null;
    declared_at: string;
    created_at: string;
    updated_at: string;
  };
  incident_entries: {
    id: Generated<number>;
    uid: string;
    incident_uid: string;
    by_node: string; // the node that wrote (and signed) the entry
    node_seq: number; // the author's own count of entries on this incident
    kind: string;
    event_at: string;
    discovered_at: string;
    text: string;
    data: string; // canonical JSON: counts and ids only
    received_from: string | null;
    origin_event: string | null; // the author's signed feed event, as received
    created_at: string;
  };
  signal_changes: {
    seq: Generated<number>;
    signal_id: number;
    at: string;
  };
  /** Matches per signal and UTC hour (`2026-12-05T13:00:00.000Z`), for reports by period. */
  match_hours: {
    signal_id: number;
    hour: string;
    matches: number;
  };
  monitor_sources: {
    id: Generated<number>;
    url: string;
    kind: string; // 'feed' | 'activitypub' | 'html' | 'file'
    reason: string;
    label: string;
    interval_ms: number;
    depth: number;
    local_test_site: number; // 0 | 1
    created_at: string;
    removed_at: string | null;
    next_check_at: string;
    last_checked_at: string | null;
    last_error: string | null;
  };
  /** What a URL answered last: validators for conditional requests, and a page's links to re-walk on 304. */
  monitor_pages: {
    url: string;
    etag: string | null;
    last_modified: string | null;
    links: string; // JSON array of {url, as}
    checked_at: string;
  };
  monitor_finds: {
    id: Generated<number>;
    source_id: number;
    url: string;
    signals: string; // JSON array of FindSignal
    content_sha256: string | null;
    first_seen_at: string;
    last_seen_at: string;
    removed_at: string | null;
    removal: string | null; // 'gone' | 'no_longer_matches'
    next_check_at: string;
  };
}
