import type { Kysely, Migration } from 'kysely';

/**
 * Migration 0018-signal-links: the near-match links that make early-warning clusters,
 * written by the one process that searches the index for them (the leader) and read by
 * every other process of the node, so clustering costs one index search per signal
 * once per node, not once per process and restart (see cluster-links.ts).
 */
export const signalLinksMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('signal_links')
      .addColumn('signal_id', 'bigint', (c) => c.notNull())
      .addColumn('linked_id', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('signal_links_pk', ['signal_id', 'linked_id'])
      .execute();
  },
};
