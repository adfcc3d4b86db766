import { z } from 'zod';
import { maySee } from '../access/viewer.js';
import { viewerForPartner } from '../access/viewer-of.js';
import type { NodeConfig } from '../config/node-config.js';
import { NewReferralSchema } from '../coordination/referrals/referral-input.js';
import type { ReferralService } from '../coordination/referrals/referral-service.js';
import { ConcordError } from '../errors/concord-error.js';
import type { KyselyStore } from '../store/kysely-store.js';
import type { Actor } from '../store/store.js';
import type { Clock } from '../util/clock.js';
import type { Find } from './find.js';
import { FindReferrals } from './find-referrals.js';
import { responsiblePartner } from './host-partners.js';

/**
 * The body of POST /v1/finds/{id}/referral: the referral's own fields (see POST
 * /v1/referrals); the content (the find's URL and matched signals) and the incident come
 * from the find. `to` defaults to the partner responsible for the find's host
 * (`monitor.hostPartners`), `kind` to `referral`, `label` to the first matched signal's.
 */
export const FindReferralSchema = NewReferralSchema.pick({ grounds: true, legalBasis: true, statementOfReasons: true, redress: true, noticeWithheld: true, deadline: true, order: true }).extend({
  to: z.string().trim().min(1).max(100).optional(),
  kind: z.string().max(64).default('referral'),
  label: z.string().max(100).optional(),
});
export type FindReferralInput = z.input<typeof FindReferralSchema>;

export interface FindReferralDeps {
  readonly store: KyselyStore;
  readonly config: NodeConfig;
  readonly clock: Clock;
  readonly referrals: ReferralService;
  readonly selfPartner: string;
}

/**
 * Opens a referral (or removal order: the referral service's rules decide what each kind
 * needs) to the partner responsible for a find's host, carrying the find's URL, the uids
 * of its matched signals the partner may see, and its incident. The link on the find is
 * written in the referral's own transaction, so both are stored or neither is. One
 * referral per find and partner; content already gone is not referred.
 *
 * @example
 *   await referFind(deps, 12, { grounds: ['incites'], legalBasis: '…', statementOfReasons: '…', redress: '…' }, actor);
 */
export async function referFind(deps: FindReferralDeps, findId: number, raw: FindReferralInput, actor: Actor): Promise<{ find: Find; referral: Record<string, unknown> }> {
  const parsed = FindReferralSchema.safeParse(raw);
  if (!parsed.success) throw new ConcordError('REQUEST_INVALID', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  const input = parsed.data;
  const find = await deps.store.monitor.getFind(findId);
  if (!find) throw new ConcordError('NOT_FOUND', `no find with id ${findId}`);
  if (find.removedAt) throw new ConcordError('FIND_REMOVED', `the content of find ${findId} is gone from ${find.url.slice(0, 300)} since ${find.removedAt} (${find.removal}); there is nothing to refer`);
  const to = input.to ?? responsiblePartner(deps.config.monitor.hostPartners, find.url);
  if (!to) throw new ConcordError('FIND_PARTNER_MISSING', `no partner is configured for ${new URL(find.url).hostname} in monitor.hostPartners; name one with "to"`);
  const links = new FindReferrals(deps.store.context);
  const earlier = await links.to(findId, to);
  if (earlier) throw new ConcordError('FIND_ALREADY_REFERRED', `find ${findId} was referred to ${to} at ${earlier.at} (referral ${earlier.referralId})`);
  // The uids of signals the receiving partner may not see stay here; the URL is public.
  const viewer = await viewerForPartner(deps.store, to, deps.selfPartner, 'partner-node');
  const records = await deps.store.getSignals(find.signals.map((s) => s.signalId));
  const signalUids = records.filter((r) => maySee(r, viewer)).map((r) => r.uid);
  const { to: _to, label, ...fields } = input;
  const referral = await deps.referrals.send(
    { ...fields, to, content: { urls: [find.url], signalUids }, label: label ?? find.signals[0]?.label ?? '', incidentId: find.incidentId, noticeWithheld: input.noticeWithheld },
    actor,
    async (trx, row) => {
      // Asked again under the transaction's write lock: of two referrals of one find to one partner at once, the second sends nothing.
      const raced = await links.to(findId, to, trx);
      if (raced) throw new ConcordError('FIND_ALREADY_REFERRED', `find ${findId} was referred to ${to} at ${raced.at} (referral ${raced.referralId})`);
      await links.link(findId, { referralId: row.id, partner: to, kind: input.kind, at: new Date(deps.clock.now()).toISOString() }, trx);
    },
  );
  return { find, referral };
}
