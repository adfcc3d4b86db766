import type { Kysely } from 'kysely';

/**
 * The referral tables, added to the store's Database type here (declaration merging) so
 * the schema of this module lives with it.
 *
 * - `referrals`: one row per referral this node sends, receives or scrutinises (`role`),
 *   holding its current state and its clocks. The same id on every node that holds it.
 * - `referral_events`: what happened to a referral, in order: one row per signed feed
 *   event (kept as received in `wire`, the proof of who said it), keyed by the event's
 *   network-wide id so a replay is recognised.
 * - `referral_content`: the content keys of received referrals (`url:<canonical>`,
 *   `signal:<uid>`), looked up to link referrals of the same content (deconfliction).
 *
 * No column holds anything about a person: the content provider is named only as the
 * hosting partner (the receiver) and the content's URLs and signal ids.
 */
declare module '../../store/database-schema.js' {
  interface Database {
    referrals: ReferralRow;
    referral_events: ReferralEventRow;
    referral_content: { referral_id: string; content_key: string };
  }
}

export interface ReferralRow {
  id: string;
  role: string;
  sender: string;
  receiver: string;
  scrutiny: string | null;
  kind: string;
  label: string;
  status: string;
  grounds: string; // JSON array
  legal_basis: string;
  reasons: string;
  redress: string;
  notice_withheld: number;
  notice_withheld_until: string | null;
  incident_id: string | null;
  order_fields: string | null; // JSON: Annex I fields of a removal order
  content: string; // JSON {urls, signalUids}
  window_ms: number | string | bigint;
  sent_at: string;
  received_at: string | null;
  receipt_hash: string | null;
  acked_at: string | null;
  paused_ms: number | string | bigint;
  paused_since: string | null;
  due_at: string | null;
  obstacle: string | null; // JSON {reason, explanation, at}
  decided_at: string | null;
  outcome: string | null;
  acted_at: string | null;
  decision_reason: string | null;
  scrutiny_status: string | null;
  scrutiny_opened_at: string | null; // the copy's receipt at the scrutiny authority, or the receipt
  scrutiny_requested_at: string | null;
  scrutiny_due_at: string | null;
  scrutiny_decided_at: string | null;
  scrutiny_reasons: string | null;
  reinstatement: string | null; // 'pending' | 'done'
  reinstated_at: string | null;
  linked: string; // JSON [{referral, sender}]
  alerted: string | null; // dedupe key of the last overdue alert raised
  created_at: string;
  updated_at: string;
}

export interface ReferralEventRow {
  event_id: string;
  /** Its place in this node's history of the referral (the order events were applied here). */
  n: number;
  referral_id: string;
  type: string;
  at: string;
  node: string;
  details: string; // JSON
  wire: string | null;
}

/** Migration 0010-referrals (portable SQL: both dialects run it). */
export const referralsMigration = {
  async up(db: Kysely<any>): Promise<void> {
    let t = db.schema.createTable('referrals').addColumn('id', 'text', (c) => c.primaryKey());
    for (const col of ['role', 'sender', 'receiver', 'kind', 'label', 'status', 'grounds', 'legal_basis', 'reasons', 'redress', 'content', 'sent_at', 'created_at', 'updated_at']) {
      t = t.addColumn(col, 'text', (c) => c.notNull());
    }
    t = t.addColumn('linked', 'text', (c) => c.notNull().defaultTo('[]'));
    t = t.addColumn('notice_withheld', 'integer', (c) => c.notNull().defaultTo(0));
    t = t.addColumn('window_ms', 'bigint', (c) => c.notNull());
    t = t.addColumn('paused_ms', 'bigint', (c) => c.notNull().defaultTo(0));
    for (const col of [
      'scrutiny', 'notice_withheld_until', 'incident_id', 'order_fields', 'received_at', 'receipt_hash', 'acked_at', 'paused_since', 'due_at', 'obstacle',
      'decided_at', 'outcome', 'acted_at', 'decision_reason', 'scrutiny_status', 'scrutiny_opened_at', 'scrutiny_requested_at', 'scrutiny_due_at',
      'scrutiny_decided_at', 'scrutiny_reasons', 'reinstatement', 'reinstated_at', 'alerted',
    ]) {
      t = t.addColumn(col, 'text');
    }
    await t.execute();
    await db.schema.createIndex('referrals_due').on('referrals').columns(['due_at']).execute();
    await db.schema.createIndex('referrals_sent').on('referrals').columns(['sent_at']).execute();
    await db.schema
      .createTable('referral_events')
      .addColumn('event_id', 'text', (c) => c.primaryKey())
      .addColumn('referral_id', 'text', (c) => c.notNull())
      .addColumn('n', 'integer', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('node', 'text', (c) => c.notNull())
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('wire', 'text')
      .execute();
    await db.schema.createIndex('referral_events_referral').on('referral_events').columns(['referral_id', 'n']).execute();
    await db.schema
      .createTable('referral_content')
      .addColumn('referral_id', 'text', (c) => c.notNull())
      .addColumn('content_key', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('referral_content_pk', ['referral_id', 'content_key'])
      .execute();
    await db.schema.createIndex('referral_content_key').on('referral_content').columns(['content_key']).execute();
  },
};
