import type { Transaction } from 'kysely';
import type { PendingEvent } from '../../exchange/feed/feed-body.js';
import type { Database } from '../../store/database-schema.js';
import { toEach } from './referral-body.js';
import { addEvent } from './referral-store.js';
import type { ReferralRow } from './referral-tables.js';

/**
 * The content keys a receiver adds for the signals a referral names that it holds:
 * `hash:<type>:<value>`. Two senders often refer the same file under different signals
 * (each its own, or one shared and one re-hashed at home); the same type and value is the
 * same content, whatever its uid. Signals the receiver does not hold add nothing here
 * (their uid still links to another referral naming the same uid).
 */
export async function signalValueKeys(trx: Transaction<Database>, signalUids: readonly string[]): Promise<string[]> {
  if (signalUids.length === 0) return [];
  const rows = await trx.selectFrom('signals').select(['type', 'value']).where('uid', 'in', [...signalUids].slice(0, 500)).execute();
  return [...new Set(rows.map((r) => `hash:${r.type}:${r.value}`))];
}

/**
 * Deconfliction at the receiver: a referral arrives whose content (a canonical URL, a
 * signal uid, or the type and value of a signal held here) is already named by a referral
 * from another sender. The referrals are
 * linked (each row lists the others) and every sender involved is told, in a signed
 * `referral.linked` event addressed to it alone, which referrals of which senders share
 * its content. Senders are partner organisations; nothing about persons is involved.
 *
 * Returns the events to write (the caller's transaction writes them with its feed).
 */
export async function linkSameContent(trx: Transaction<Database>, row: ReferralRow, keys: readonly string[], at: string, eventIdFor: (member: string) => string): Promise<{ feed: PendingEvent[]; linked: number }> {
  if (keys.length === 0) return { feed: [], linked: 0 };
  const hits = await trx
    .selectFrom('referral_content')
    .innerJoin('referrals', 'referrals.id', 'referral_content.referral_id')
    .select(['referrals.id', 'referrals.sender', 'referral_content.content_key'])
    .where('referral_content.content_key', 'in', [...keys].slice(0, 1000))
    .where('referrals.role', '=', 'receiver')
    .where('referrals.id', '!=', row.id)
    .where('referrals.sender', '!=', row.sender)
    .execute();
  if (hits.length === 0) return { feed: [], linked: 0 };
  const group = new Map<string, { referral: string; sender: string }>([[row.id, { referral: row.id, sender: row.sender }]]);
  for (const h of hits) group.set(h.id, { referral: h.id, sender: h.sender });
  const shared = [...new Set(hits.map((h) => h.content_key))];
  const feed: PendingEvent[] = [];
  for (const member of group.values()) {
    const others = [...group.values()].filter((m) => m.referral !== member.referral);
    const existing = member.referral === row.id ? [] : JSON.parse((await trx.selectFrom('referrals').select('linked').where('id', '=', member.referral).executeTakeFirstOrThrow()).linked) as { referral: string }[];
    const merged = [...existing, ...others.filter((o) => !existing.some((e) => e.referral === o.referral))];
    await trx.updateTable('referrals').set({ linked: JSON.stringify(merged), updated_at: at }).where('id', '=', member.referral).execute();
    const eventId = eventIdFor(member.referral);
    const details = { linked: merged, keys: shared };
    await addEvent(trx, { event_id: eventId, referral_id: member.referral, type: 'linked', at, node: row.receiver, details: JSON.stringify(details), wire: null });
    feed.push(...toEach([member.sender], { type: 'referral.linked', referral: member.referral, eventId, ...details }));
  }
  return { feed, linked: group.size };
}
