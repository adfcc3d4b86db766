import type { LevelFilter } from '../store/store-exchange.js';
import type { Store } from '../store/store.js';
import type { Viewer } from './distribution.js';

/**
 * The viewer behind an API key: the partner that owns it, with that partner's sharing
 * groups from the store. The node's own keys are `isSelf`.
 */
export async function viewerOf(store: Store, partnerId: string, selfPartner: string): Promise<Viewer> {
  const partner = await store.getPartner(partnerId);
  return { isSelf: partnerId === selfPartner, sharingGroups: partner?.sharingGroups ?? [] };
}

/** The SQL prefilter for a viewer; mayLeaveTowards still decides each row. */
export function levelFilterFor(viewer: Viewer): LevelFilter {
  return { levels: ['partners', 'network', ...viewer.sharingGroups.map((g) => `group:${g}`)], anyGroup: viewer.isSelf };
}
