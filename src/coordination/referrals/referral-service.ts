import type { NodeConfig } from '../../config/node-config.js';
import { ConcordError } from '../../errors/concord-error.js';
import type { KyselyStore } from '../../store/kysely-store.js';
import type { Actor } from '../../store/store.js';
import type { Clock } from '../../util/clock.js';
import { parseAction, type ActionType } from './referral-actions.js';
import { validateReferral, type NewReferralInput } from './referral-input.js';
import { KyselyReferrals, type ReferralFilter } from './referral-store.js';
import { referralView } from './referral-view.js';

/**
 * What the HTTP routes and the CLI call: validation against this node's partners and
 * configuration, then one store transaction. Answers are API views.
 *
 *   const referrals = new ReferralService(store, config, clock);
 *   await referrals.send({ to: 'node-b', kind: 'removal_order', … }, actor);
 */
export class ReferralService {
  readonly store: KyselyReferrals;

  constructor(private readonly kysely: KyselyStore, private readonly config: NodeConfig, private readonly clock: Clock) {
    this.store = kysely.referrals;
  }

  /** Sends a referral; `also` runs in its transaction (see KyselyReferrals.send). */
  async send(input: NewReferralInput, actor: Actor, also?: Parameters<KyselyReferrals['send']>[3]): Promise<Record<string, unknown>> {
    const now = this.clock.now();
    const partners = await this.kysely.listPartners();
    const isPartner = (id: string) => partners.some((p) => p.id === id && p.kind === 'partner');
    const valid = validateReferral(input, now, this.config.referrals, isPartner);
    // The sender links an incident it holds (declared here or received): an id it cannot name is a mistake, not a link.
    if (valid.incidentId !== null && !(await this.kysely.incidents.get(valid.incidentId))) throw new ConcordError('INCIDENT_NOT_FOUND', `no incident with id ${valid.incidentId} is held at this node`);
    const scrutiny = this.config.referrals.scrutinyAuthorities[valid.to] ?? null;
    if (scrutiny !== null && !isPartner(scrutiny)) throw new ConcordError('REFERRAL_PARTNER_UNKNOWN', `the scrutiny authority configured for ${valid.to} (${scrutiny}) is not a partner node registered here`);
    const row = await this.store.send(valid, actor, scrutiny, also);
    return referralView(row, this.clock.now());
  }

  async act(id: string, type: ActionType, fields: unknown, actor: Actor): Promise<Record<string, unknown>> {
    const parsed = parseAction(type, fields ?? {});
    if (!parsed.ok) throw new ConcordError('REQUEST_INVALID', parsed.message);
    const row = await this.store.act(id, parsed.action, actor);
    return referralView(row, this.clock.now());
  }

  async get(id: string): Promise<Record<string, unknown>> {
    const found = await this.store.get(id);
    if (!found) throw new ConcordError('REFERRAL_NOT_FOUND', `no referral with id ${id}`);
    return referralView(found.row, this.clock.now(), found.history);
  }

  async list(filter: ReferralFilter): Promise<Record<string, unknown>[]> {
    const now = this.clock.now();
    return (await this.store.list(filter, now)).map((r) => referralView(r, now));
  }
}
