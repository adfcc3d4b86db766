import type { Kysely, Migration } from 'kysely';

/**
 * Migration 0017-alert-acks: acknowledgements of alerts, one per alert and organisation
 * (this node's own staff, or a partner organisation through a key issued here). They are
 * this node's bookkeeping and never travel on the feed. Also an index for the referral
 * list's incident filter (`GET /v1/referrals?incident=`).
 */
export const alertAcksMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('alert_acks')
      .addColumn('alert_uid', 'text', (c) => c.notNull())
      .addColumn('organisation', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('alert_acks_pk', ['alert_uid', 'organisation'])
      .execute();
    await db.schema.createIndex('referrals_incident').on('referrals').column('incident_id').execute();
  },
};
