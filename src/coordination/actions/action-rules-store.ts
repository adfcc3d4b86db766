import { randomBytes } from 'node:crypto';
import { ConcordError } from '../../errors/concord-error.js';
import type { KyselyContext } from '../../store/kysely/kysely-context.js';
import { appendAudit } from '../../store/store-audit.js';
import type { Actor } from '../../store/store.js';
import { isLabel, LABELS } from '../../taxonomy/labels.js';
import { coordinationDb } from '../alerts/coordination-tables.js';
import { incidentByUid } from '../incidents/incident-entries.js';
import { ActionRuleInput, toRule, type ActionRule } from './action-rule.js';
import { checkWebhookUrl } from './webhook-address.js';

export interface RulesOptions {
  readonly selfPartner: string;
  /** Confidence under which a match goes to human review, for rules that do not set their own. */
  readonly reviewBelow: number;
  readonly allowPrivateWebhooks: boolean;
  /** A signal type's registered name; throws SIGNAL_TYPE_UNKNOWN for a type this node does not know. */
  readonly signalType: (name: string) => string;
}

/**
 * Action rules: created, listed and disabled (never deleted: the delivery log refers to
 * them). The secret is shown once, at creation; reads never return it.
 */
export class ActionRulesStore {
  private cache?: { at: number; rules: ActionRule[] };

  constructor(
    private readonly ctx: KyselyContext,
    private readonly options: RulesOptions,
  ) {}

  async create(input: unknown, actor: Actor): Promise<{ rule: ActionRule; secret: string | null }> {
    const parsed = ActionRuleInput.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ConcordError('ACTION_RULE_INVALID', `${issue.path.join('.') || 'rule'}: ${issue.message}`);
    }
    const r = parsed.data;
    if (r.action === 'webhook' && !r.url) throw new ConcordError('ACTION_RULE_INVALID', 'a webhook rule needs a url');
    if (r.action !== 'webhook' && (r.url || r.onAlerts)) throw new ConcordError('ACTION_RULE_INVALID', 'url and onAlerts belong to webhook rules only');
    // A rule naming a type, label or incident that does not exist would never act: refused, not stored.
    const signalTypes = [...new Set(r.signalTypes.map((t) => this.options.signalType(t)))];
    const unknownLabel = r.labels.find((l) => !isLabel(l));
    if (unknownLabel !== undefined) throw new ConcordError('LABEL_UNKNOWN', `unknown label "${unknownLabel}"; the taxonomy has: ${Object.keys(LABELS).join(', ')}`);
    const url = r.url ? (await checkWebhookUrl(r.url, this.options.allowPrivateWebhooks)).toString() : null;
    const partner = r.partner ?? this.options.selfPartner;
    const secret = r.action === 'webhook' ? (r.secret ?? randomBytes(32).toString('base64url')) : null;
    const rule = await this.ctx.changeTx(async (trx) => {
      const db = coordinationDb(trx);
      const known = await db.selectFrom('partners').select('id').where('id', '=', partner).executeTakeFirst();
      if (!known) throw new ConcordError('ACTION_PARTNER_UNKNOWN', `no partner ${partner}: a rule acts on the matches of a registered partner (or this node)`);
      if (r.incidentId !== null && !(await incidentByUid(trx, r.incidentId))) throw new ConcordError('INCIDENT_NOT_FOUND', `no incident with id ${r.incidentId} is held at this node`);
      const at = this.ctx.now();
      const row = {
        id: this.ctx.ids.uuid(),
        partner,
        description: r.description,
        signal_types: JSON.stringify(signalTypes),
        labels: JSON.stringify(r.labels),
        incident_id: r.incidentId,
        max_distance: r.maxDistance,
        action: r.action,
        url,
        secret,
        review_below: r.reviewBelow ?? this.options.reviewBelow,
        on_alerts: r.onAlerts ? 1 : 0,
        created_at: at,
        disabled_at: null,
      };
      await db.insertInto('action_rules').values(row).execute();
      const rule = toRule(row);
      const { url: _u, ...audited } = rule;
      await appendAudit(trx, this.ctx.dialect, actor, at, [{ action: 'action_rule.created', subjectType: 'action_rule', subjectId: rule.id, details: { ...audited, webhook: url !== null } }]);
      return rule;
    });
    this.cache = undefined;
    return { rule, secret };
  }

  async disable(id: string, actor: Actor): Promise<ActionRule> {
    const rule = await this.ctx.changeTx(async (trx) => {
      const db = coordinationDb(trx);
      const row = await db.selectFrom('action_rules').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new ConcordError('NOT_FOUND', `no action rule ${id}`);
      if (row.disabled_at) return toRule(row);
      const at = this.ctx.now();
      await db.updateTable('action_rules').set({ disabled_at: at }).where('id', '=', id).execute();
      await appendAudit(trx, this.ctx.dialect, actor, at, [{ action: 'action_rule.disabled', subjectType: 'action_rule', subjectId: id, details: {} }]);
      return toRule({ ...row, disabled_at: at });
    });
    this.cache = undefined;
    return rule;
  }

  list(): Promise<ActionRule[]> {
    return this.ctx.run(async () => (await coordinationDb(this.ctx.db).selectFrom('action_rules').selectAll().orderBy('created_at').execute()).map(toRule));
  }

  /** Enabled rules, cached for a second: the match path reads them on every request. */
  async active(): Promise<ActionRule[]> {
    const now = this.ctx.clock.now();
    if (!this.cache || now - this.cache.at > 1000 || now < this.cache.at) this.cache = { at: now, rules: (await this.list()).filter((r) => r.disabledAt === null) };
    return this.cache.rules;
  }

  async secretOf(id: string): Promise<{ url: string | null; secret: string | null } | undefined> {
    return this.ctx.run(() => coordinationDb(this.ctx.db).selectFrom('action_rules').select(['url', 'secret']).where('id', '=', id).executeTakeFirst());
  }
}
