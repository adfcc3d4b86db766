import type { KyselyContext } from '../../store/kysely/kysely-context.js';
import { coordinationDb } from '../alerts/coordination-tables.js';
import type { SignalClusters } from './signal-clusters.js';

/** A signal the uploaded file yields (its hashes), and the best known signal it matched. */
export interface UploadFacts {
  readonly own: readonly { readonly type: string; readonly value: string }[];
  readonly matched: { readonly signalId: number; readonly signalUid: string; readonly type: string; readonly distance: number; readonly label: string } | undefined;
}

/**
 * New-variant candidates: when an uploaded file matches a known signal, each of the file's
 * own signals that no signal here holds yet (a re-encode's PDQ a few bits away, its MD5)
 * is proposed for the matched signal's cluster, held in the review queue for a reviewer to
 * accept into a bank or reject. Hashes only: the file itself is never kept. A hash already
 * proposed is not proposed again. Returns the types of the candidates proposed now.
 */
export async function proposeVariants(ctx: KyselyContext, clusters: SignalClusters, facts: UploadFacts): Promise<string[]> {
  const matched = facts.matched;
  if (!matched || facts.own.length === 0) return [];
  await clusters.catchUp();
  const cluster = clusters.info(matched.signalId)?.id ?? null;
  return ctx.tx(async (trx) => {
    const db = coordinationDb(trx);
    const proposed: string[] = [];
    const at = ctx.now();
    for (const s of facts.own) {
      const known = await db.selectFrom('signals').select('id').where('type', '=', s.type).where('value', '=', s.value).executeTakeFirst();
      if (known) continue;
      const already = await db.selectFrom('review_items').select('id').where('candidate_type', '=', s.type).where('candidate_value', '=', s.value).executeTakeFirst();
      if (already) continue;
      await db
        .insertInto('review_items')
        .values({
          kind: 'variant_candidate',
          rule_id: null,
          partner: null,
          signal_uid: matched.signalUid,
          cluster,
          candidate_type: s.type,
          candidate_value: s.value,
          distance: matched.distance,
          confidence: null,
          details: JSON.stringify({ matchedType: matched.type, matchedLabel: matched.label, distance: matched.distance }),
          status: 'pending',
          created_at: at,
          decided_at: null,
          decided_by_key: null,
          accepted_signal_id: null,
        })
        .execute();
      proposed.push(s.type);
    }
    return proposed;
  });
}
