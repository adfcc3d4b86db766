import { sql, type Kysely, type Migration, type RawBuilder } from 'kysely';

/**
 * Migration 0011-alerts-actions: alerts, action rules with their delivery log, the review
 * queue, and sightings (hourly match counts per signal, from partners and this node).
 * Portable SQL: only the auto-increment key differs between SQLite and PostgreSQL.
 */
export function alertsActionsMigration(serialKey: (name: string) => RawBuilder<unknown>): Migration {
  return {
    async up(db: Kysely<any>) {
      await sql`create table alerts (
        ${serialKey('id')},
        uid text not null unique,
        origin text not null,
        kind text not null,
        severity text not null,
        title text not null,
        subject_type text not null,
        subject_id text not null,
        dedupe_key text not null,
        incident_id text,
        signal_uids text not null,
        details text not null,
        distribution text not null,
        audience_node text,
        repeat_count integer not null,
        first_at text not null,
        last_at text not null,
        received_from text,
        origin_event text)`.execute(db);
      await db.schema.createIndex('alerts_dedupe').on('alerts').columns(['origin', 'dedupe_key']).execute();
      await db.schema.createIndex('alerts_last_at').on('alerts').columns(['last_at']).execute();
      await db.schema
        .createTable('action_rules')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('partner', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('signal_types', 'text', (c) => c.notNull())
        .addColumn('labels', 'text', (c) => c.notNull())
        .addColumn('incident_id', 'text')
        .addColumn('max_distance', 'integer')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('url', 'text')
        .addColumn('secret', 'text')
        .addColumn('review_below', 'real', (c) => c.notNull())
        .addColumn('on_alerts', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('disabled_at', 'text')
        .execute();
      await sql`create table action_deliveries (
        ${serialKey('id')},
        rule_id text not null references action_rules(id),
        event text not null,
        body text not null,
        status text not null,
        attempts integer not null,
        next_attempt_at text not null,
        last_status integer,
        last_error text,
        created_at text not null,
        done_at text)`.execute(db);
      await db.schema.createIndex('action_deliveries_due').on('action_deliveries').columns(['status', 'next_attempt_at']).execute();
      await db.schema
        .createTable('action_attempts')
        .addColumn('delivery_id', 'integer', (c) => c.notNull())
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('error', 'text')
        .addPrimaryKeyConstraint('action_attempts_pk', ['delivery_id', 'attempt'])
        .execute();
      await sql`create table review_items (
        ${serialKey('id')},
        kind text not null,
        rule_id text,
        partner text,
        signal_uid text not null,
        cluster text,
        candidate_type text,
        candidate_value text,
        distance integer,
        confidence real,
        details text not null,
        status text not null,
        created_at text not null,
        decided_at text,
        decided_by_key text,
        accepted_signal_id integer)`.execute(db);
      await db.schema.createIndex('review_items_status').on('review_items').columns(['status', 'kind']).execute();
      await db.schema.createIndex('review_items_candidate').on('review_items').columns(['candidate_type', 'candidate_value']).execute();
      await db.schema
        .createTable('sightings')
        .addColumn('node', 'text', (c) => c.notNull())
        .addColumn('signal_uid', 'text', (c) => c.notNull())
        .addColumn('period_start', 'text', (c) => c.notNull())
        .addColumn('period_ms', 'integer', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('sightings_pk', ['node', 'signal_uid', 'period_start'])
        .execute();
      await db.schema.createIndex('sightings_received').on('sightings').columns(['received_at']).execute();
    },
  };
}
