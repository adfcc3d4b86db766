import type { Kysely } from 'kysely';
import type { WireEvent } from '../exchange/feed/feed-event.js';
import { wireOf } from '../exchange/feed/feed-signing.js';
import type { Database } from './database-schema.js';

/** Every key this node's feed was signed with before the current one: the keys its `key.rotated` events hand over from. */
export async function previousFeedKeys(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('feed_events').select('body').where('type', '=', 'key.rotated').execute();
  return rows.flatMap((r) => {
    const previous = (JSON.parse(r.body) as { previous?: unknown }).previous;
    return typeof previous === 'string' ? [previous] : [];
  });
}

/**
 * The node's `key.rotated` events after a feed position, oldest first. A page head is
 * signed with the current key; a reader whose page ends before a rotation learns the
 * hand-over from these (each signed by the key before it) and can check the head.
 */
export async function rotationsAfter(db: Kysely<Database>, seq: number): Promise<WireEvent[]> {
  const rows = await db.selectFrom('feed_events').selectAll().where('seq', '>', seq).where('type', '=', 'key.rotated').orderBy('seq').limit(100).execute();
  return rows.map(wireOf);
}
