import type { Transaction } from 'kysely';
import type { Database } from '../store/database-schema.js';
import type { KyselyContext } from '../store/kysely/kysely-context.js';
import './monitor-tables.js';

/** A referral or removal order opened from a find. */
export interface FindReferral {
  readonly referralId: string;
  /** The receiving partner node. */
  readonly partner: string;
  readonly kind: string;
  readonly at: string;
}

/** The links from finds to the referrals opened from them (table monitor_find_referrals). */
export class FindReferrals {
  constructor(private readonly ctx: KyselyContext) {}

  /** The referral already opened from a find to a partner, if any. */
  async to(findId: number, partner: string, trx?: Transaction<Database>): Promise<FindReferral | undefined> {
    return this.ctx.run(async () => {
      const r = await (trx ?? this.ctx.db).selectFrom('monitor_find_referrals').selectAll().where('find_id', '=', findId).where('partner', '=', partner).executeTakeFirst();
      return r && toLink(r);
    });
  }

  async link(findId: number, link: FindReferral, trx?: Transaction<Database>): Promise<void> {
    await this.ctx.run(async () => {
      await (trx ?? this.ctx.db).insertInto('monitor_find_referrals').values({ find_id: findId, referral_id: link.referralId, partner: link.partner, kind: link.kind, created_at: link.at }).execute();
    });
  }

  /** The referrals of some finds, by find id, oldest first. */
  async of(findIds: readonly number[]): Promise<Map<number, FindReferral[]>> {
    const out = new Map<number, FindReferral[]>();
    if (findIds.length === 0) return out;
    return this.ctx.run(async () => {
      for (let i = 0; i < findIds.length; i += 500) {
        const rows = await this.ctx.db.selectFrom('monitor_find_referrals').selectAll().where('find_id', 'in', findIds.slice(i, i + 500)).orderBy('created_at').orderBy('referral_id').execute();
        for (const r of rows) out.set(Number(r.find_id), [...(out.get(Number(r.find_id)) ?? []), toLink(r)]);
      }
      return out;
    });
  }
}

const toLink = (r: { referral_id: string; partner: string; kind: string; created_at: string }): FindReferral => ({ referralId: r.referral_id, partner: r.partner, kind: r.kind, at: r.created_at });
