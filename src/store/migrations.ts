import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { referralsMigration } from '../coordination/referrals/referral-tables.js';
import { alertsActionsMigration } from '../coordination/alerts/alerts-actions-migration.js';
import { alertAcksMigration } from '../coordination/alerts/alert-acks-migration.js';
import { monitorPacingMigration } from '../monitor/monitor-tables.js';
import { matchHoursByHourMigration } from './match-hours-migration.js';

export type DialectName = 'sqlite' | 'postgres';

/**
 * Migrations in code, one list for both dialects; only the auto-increment key differs.
 * Append new migrations; never edit one that has shipped.
 */
export function migrationProvider(dialect: DialectName): MigrationProvider {
  const serialKey = (name: string) =>
    dialect === 'sqlite'
      ? sql.raw(`${name} integer primary key autoincrement`)
      : sql.raw(`${name} serial primary key`);
  const migrations: Record<string, Migration> = {
    '0001-initial': {
      async up(db: Kysely<any>) {
        await db.schema.createTable('node_settings').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).execute();
        await db.schema
          .createTable('partners')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull().unique())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('url', 'text')
          .addColumn('public_key', 'text')
          .addColumn('sharing_groups', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('api_keys')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
          .addColumn('key_hash', 'text', (c) => c.notNull().unique())
          .addColumn('roles', 'text', (c) => c.notNull())
          .addColumn('purpose', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('revoked_at', 'text')
          .execute();
        await sql`create table banks (
          ${serialKey('id')},
          name text not null unique,
          description text not null default '',
          owner text not null references partners(id),
          created_at text not null,
          updated_at text not null)`.execute(db);
        await sql`create table signals (
          ${serialKey('id')},
          bank_id integer not null references banks(id),
          type text not null,
          value text not null,
          label text not null,
          reason text not null,
          contributor text not null,
          reviewed_by_key text,
          reviewed_at text,
          distribution text not null,
          status text not null,
          status_reason text,
          match_count integer not null default 0,
          last_matched_at text,
          created_at text not null,
          updated_at text not null,
          unique (bank_id, type, value))`.execute(db);
        await db.schema.createIndex('signals_type_value').on('signals').columns(['type', 'value']).execute();
        await sql`create table opinions (
          ${serialKey('id')},
          signal_id integer not null references signals(id),
          partner text not null,
          opinion text not null,
          reason text not null,
          created_at text not null)`.execute(db);
        await db.schema.createIndex('opinions_signal').on('opinions').column('signal_id').execute();
        await db.schema
          .createTable('audit_log')
          .addColumn('seq', 'integer', (c) => c.primaryKey())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('actor_partner', 'text', (c) => c.notNull())
          .addColumn('actor_key', 'text')
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('subject_type', 'text', (c) => c.notNull())
          .addColumn('subject_id', 'text', (c) => c.notNull())
          .addColumn('details', 'text', (c) => c.notNull())
          .addColumn('prev_hash', 'text', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('audit_subject').on('audit_log').columns(['subject_type', 'subject_id']).execute();
        await sql`create table signal_changes (
          ${serialKey('seq')},
          signal_id integer not null,
          at text not null)`.execute(db);
      },
    },
    '0002-federation': {
      async up(db: Kysely<any>) {
        // Signals get a network-wide id and their provenance across nodes. Rows from
        // before federation get a uid from their local id; they never left the node.
        await db.schema.alterTable('signals').addColumn('uid', 'text').execute();
        await db.schema.alterTable('signals').addColumn('origin', 'text').execute();
        await db.schema.alterTable('signals').addColumn('received_from', 'text').execute();
        await db.schema.alterTable('signals').addColumn('origin_event', 'text').execute();
        await sql`update signals set uid = 'local-' || cast(id as text)`.execute(db);
        await db.schema.createIndex('signals_uid').on('signals').column('uid').unique().execute();
        await db.schema.alterTable('opinions').addColumn('uid', 'text').execute();
        await sql`update opinions set uid = 'local-' || cast(id as text)`.execute(db);
        await db.schema.createIndex('opinions_uid').on('opinions').column('uid').unique().execute();
        await db.schema
          .createTable('feed_events')
          .addColumn('seq', 'integer', (c) => c.primaryKey())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('body_hash', 'text', (c) => c.notNull())
          .addColumn('prev_hash', 'text', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .addColumn('sig', 'text', (c) => c.notNull())
          .addColumn('audience', 'text', (c) => c.notNull())
          .addColumn('audience_node', 'text')
          .execute();
        await db.schema
          .createTable('sync_cursors')
          .addColumn('partner_id', 'text', (c) => c.primaryKey().references('partners.id'))
          .addColumn('last_seq', 'integer', (c) => c.notNull())
          .addColumn('last_hash', 'text', (c) => c.notNull())
          .addColumn('remote_head', 'integer', (c) => c.notNull())
          .addColumn('applied', 'integer', (c) => c.notNull())
          .addColumn('last_success_at', 'text')
          .addColumn('last_error', 'text')
          .addColumn('last_error_at', 'text')
          .execute();
      },
    },
    '0003-key-expiry': {
      async up(db: Kysely<any>) {
        // Null: the key never expires (every key created before this migration).
        await db.schema.alterTable('api_keys').addColumn('expires_at', 'text').execute();
      },
    },
    // Viewer reads (src/access/): "does this bank hold anything this viewer may see?" as index seeks.
    '0004-viewer-reads-indexes': {
      async up(db) {
        await db.schema.createIndex('signals_bank_distribution').on('signals').columns(['bank_id', 'distribution']).execute();
        await db.schema.createIndex('signals_bank_contributor').on('signals').columns(['bank_id', 'contributor']).execute();
        await db.schema.createIndex('signals_bank_received_from').on('signals').columns(['bank_id', 'received_from']).execute();
      },
    },
    '0005-sync-lease': {
      async up(db: Kysely<any>) {
        // Which process of the node is the sync leader, until when (ms since the epoch): see src/store/store-lease.ts.
        await db.schema
          .createTable('sync_lease')
          .addColumn('lease', 'text', (c) => c.primaryKey())
          .addColumn('holder', 'text', (c) => c.notNull())
          .addColumn('pid', 'integer', (c) => c.notNull())
          .addColumn('acquired_at', 'bigint', (c) => c.notNull())
          .addColumn('renewed_at', 'bigint', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .execute();
      },
    },
    '0006-feed-audience': {
      async up(db: Kysely<any>) {
        // Events written before this keep their v1 hash (audience not signed): see feed-event.ts.
        await db.schema.alterTable('feed_events').addColumn('hash_version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
        // Key rotations are looked up by type (page heads signed ahead of a reader, audit verify).
        await db.schema.createIndex('feed_events_type').on('feed_events').columns(['type', 'seq']).execute();
      },
    },
    '0007-audit-checkpoints': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('audit_checkpoints')
          .addColumn('node', 'text', (c) => c.notNull())
          .addColumn('feed_seq', 'integer', (c) => c.notNull())
          .addColumn('length', 'integer', (c) => c.notNull())
          .addColumn('head', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('event', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('audit_checkpoints_pk', ['node', 'feed_seq'])
          .execute();
        await db.schema.createIndex('audit_checkpoints_length').on('audit_checkpoints').columns(['node', 'length']).execute();
      },
    },
    '0008-four-eyes': {
      async up(db: Kysely<any>) {
        // Who added a signal (its API key), how many distinct other keys must confirm it,
        // how many have, and when it became confirmed (null: it does not leave the node).
        await db.schema.alterTable('signals').addColumn('added_by_key', 'text').execute();
        await db.schema.alterTable('signals').addColumn('confirmations', 'integer', (c) => c.notNull().defaultTo(0)).execute();
        await db.schema.alterTable('signals').addColumn('confirmations_required', 'integer', (c) => c.notNull().defaultTo(1)).execute();
        await db.schema.alterTable('signals').addColumn('confirmed_at', 'text').execute();
        // Received signals were confirmed at their origin; own signals a reviewer confirmed before count as confirmed once.
        await sql`update signals set confirmed_at = created_at where origin is not null`.execute(db);
        await sql`update signals set confirmed_at = reviewed_at, confirmations = 1 where origin is null and reviewed_at is not null`.execute(db);
        await db.schema
          .createTable('signal_confirmations')
          .addColumn('signal_id', 'integer', (c) => c.notNull().references('signals.id'))
          .addColumn('key_id', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('signal_confirmations_pk', ['signal_id', 'key_id'])
          .execute();
      },
    },
    '0013-reports': {
      async up(db: Kysely<any>) {
        // Matches per signal and hour: signals.match_count is a running total, and a report
        // for a period needs to know when the matches happened (src/reports/).
        await db.schema
          .createTable('match_hours')
          .addColumn('signal_id', 'integer', (c) => c.notNull())
          .addColumn('hour', 'text', (c) => c.notNull())
          .addColumn('matches', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('match_hours_pk', ['signal_id', 'hour'])
          .execute();
        await db.schema.createIndex('match_hours_hour').on('match_hours').column('hour').execute();
      },
    },
    '0009-incidents': {
      async up(db: Kysely<any>) {
        // Incidents and their shared timelines (src/coordination/incidents/). JSON fields are
        // canonical JSON text, as the audit details are, so both dialects store them alike.
        await sql`create table incidents (
          ${serialKey('id')},
          uid text not null unique,
          title text not null,
          tier text not null,
          criteria text not null,
          event_at text not null,
          discovered_at text not null,
          banks text not null,
          signal_uids text not null,
          external_refs text not null,
          lead_protocol text,
          distribution text not null,
          declarer text not null,
          received_from text,
          origin_event text,
          status text not null,
          concluded_at text,
          declared_at text not null,
          created_at text not null,
          updated_at text not null)`.execute(db);
        await sql`create table incident_entries (
          ${serialKey('id')},
          uid text not null unique,
          incident_uid text not null,
          by_node text not null,
          node_seq integer not null,
          kind text not null,
          event_at text not null,
          discovered_at text not null,
          text text not null,
          data text not null,
          received_from text,
          origin_event text,
          created_at text not null,
          unique (incident_uid, by_node, node_seq))`.execute(db);
        await db.schema.createIndex('incident_entries_order').on('incident_entries').columns(['incident_uid', 'event_at', 'by_node', 'node_seq']).execute();
        // Signals added under an incident carry its network-wide id; matches roll up to it.
        await db.schema.alterTable('signals').addColumn('incident_uid', 'text').execute();
        await db.schema.createIndex('signals_incident').on('signals').column('incident_uid').execute();
      },
    },
    '0010-referrals': referralsMigration,
    '0011-alerts-actions': alertsActionsMigration(serialKey),
    // The monitor of public sources (src/monitor/): the allow-list, what each URL answered
    // last (for conditional requests), and finds. Nothing about accounts, posters or readers.
    '0012-monitor': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('monitor_sources')
          .addColumn('id', dialect === 'sqlite' ? 'integer' : 'serial', (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
          .addColumn('url', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('label', 'text', (c) => c.notNull())
          .addColumn('interval_ms', 'bigint', (c) => c.notNull())
          .addColumn('depth', 'integer', (c) => c.notNull())
          .addColumn('local_test_site', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('removed_at', 'text')
          .addColumn('next_check_at', 'text', (c) => c.notNull())
          .addColumn('last_checked_at', 'text')
          .addColumn('last_error', 'text')
          .execute();
        await db.schema
          .createTable('monitor_pages')
          .addColumn('url', 'text', (c) => c.primaryKey())
          .addColumn('etag', 'text')
          .addColumn('last_modified', 'text')
          .addColumn('links', 'text', (c) => c.notNull())
          .addColumn('checked_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('monitor_finds')
          .addColumn('id', dialect === 'sqlite' ? 'integer' : 'serial', (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
          .addColumn('source_id', 'integer', (c) => c.notNull())
          .addColumn('url', 'text', (c) => c.notNull())
          .addColumn('signals', 'text', (c) => c.notNull())
          .addColumn('content_sha256', 'text')
          .addColumn('first_seen_at', 'text', (c) => c.notNull())
          .addColumn('last_seen_at', 'text', (c) => c.notNull())
          .addColumn('removed_at', 'text')
          .addColumn('removal', 'text')
          .addColumn('next_check_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('monitor_finds_source_url', ['source_id', 'url'])
          .execute();
        await db.schema.createIndex('monitor_finds_due').on('monitor_finds').columns(['removed_at', 'next_check_at']).execute();
        await db.schema.createIndex('monitor_finds_first_seen').on('monitor_finds').columns(['first_seen_at']).execute();
      },
    },
    '0014-monitor-pacing': monitorPacingMigration,
    '0016-match-hours-by-hour': matchHoursByHourMigration(dialect),
    '0017-alert-acks': alertAcksMigration,
  };
  return { getMigrations: async () => migrations };
}
