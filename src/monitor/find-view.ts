import { maySee, type Viewer } from '../access/viewer.js';
import type { KyselyStore } from '../store/kysely-store.js';
import { incidentOfSignals, type Find } from './find.js';
import { FindReferrals, type FindReferral } from './find-referrals.js';
import { responsiblePartner } from './host-partners.js';

/** A find as the API and CLI show it: with where it was referred and to whom it could be. */
export interface FindView extends Find {
  /** Referrals and removal orders opened from the find (this node's own keys only). */
  readonly referrals: readonly FindReferral[];
  /** The partner responsible for the find's host by `monitor.hostPartners`, proposed for a referral; null if none. */
  readonly responsiblePartner: string | null;
}

/**
 * Finds as a viewer may see them: this node's keys see everything; a partner's key sees a
 * find only through the matched signals it may see, only those, and neither the
 * referrals (node-local coordination) nor the proposed partner.
 */
export async function findViews(store: KyselyStore, hostPartners: Readonly<Record<string, string>>, finds: readonly Find[], viewer: Viewer): Promise<FindView[]> {
  if (viewer.kind === 'self') {
    const referrals = await new FindReferrals(store.context).of(finds.map((f) => f.id));
    return finds.map((f) => ({ ...f, referrals: referrals.get(f.id) ?? [], responsiblePartner: responsiblePartner(hostPartners, f.url) }));
  }
  const ids = [...new Set(finds.flatMap((f) => f.signals.map((s) => s.signalId)))];
  const visible = new Set((ids.length > 0 ? await store.getSignals(ids) : []).filter((s) => maySee(s, viewer)).map((s) => s.id));
  return finds
    .map((f) => {
      const signals = f.signals.filter((s) => visible.has(s.signalId));
      return { ...f, signals, incidentId: incidentOfSignals(signals), referrals: [], responsiblePartner: null };
    })
    .filter((f) => f.signals.length > 0);
}
