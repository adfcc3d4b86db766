import { z } from 'zod';
import type { CoordinationTables } from '../alerts/coordination-tables.js';

/**
 * A partner's rule: which of its matches at this node it acts on (signal type, label,
 * incident, distance) and how: a signed webhook, an entry in the review queue, or a line
 * in the action log. A match whose confidence is under `reviewBelow` goes to human review
 * whatever the action: automation acts only on what it is sure of.
 */
export interface ActionRule {
  readonly id: string;
  readonly partner: string;
  readonly description: string;
  readonly signalTypes: readonly string[];
  readonly labels: readonly string[];
  readonly incidentId: string | null;
  readonly maxDistance: number | null;
  readonly action: 'webhook' | 'review' | 'log';
  readonly url: string | null;
  readonly reviewBelow: number;
  readonly onAlerts: boolean;
  readonly createdAt: string;
  readonly disabledAt: string | null;
}

export const ActionRuleInput = z
  .object({
    /** The partner organisation whose matches the rule acts on (default: this node's own). */
    partner: z.string().min(1).max(100).optional(),
    description: z.string().min(1).max(500),
    signalTypes: z.array(z.string().min(1).max(64)).max(20).default([]),
    labels: z.array(z.string().min(1).max(64)).max(50).default([]),
    incidentId: z.string().min(1).max(200).nullable().default(null),
    maxDistance: z.number().int().min(0).max(256).nullable().default(null),
    action: z.enum(['webhook', 'review', 'log']),
    url: z.string().max(2000).optional(),
    /** The HMAC secret; generated (and shown once) when not given. */
    secret: z.string().min(16).max(200).optional(),
    reviewBelow: z.number().min(0).max(1).optional(),
    onAlerts: z.boolean().default(false),
  })
  .strict();
export type ActionRuleInput = z.infer<typeof ActionRuleInput>;

/** What a match offers a rule: the signal matched, how near, and the incident it is under (if known). */
export interface MatchFacts {
  readonly signalUid: string;
  readonly type: string;
  readonly label: string;
  readonly distance: number;
  readonly threshold: number;
  readonly incidentId: string | null;
}

/** 1 for an exact match, falling linearly towards 0 at the type's threshold (exact-hash types: always 1). */
export const matchConfidence = (distance: number, threshold: number): number => Math.max(0, 1 - distance / (threshold + 1));

export function ruleApplies(rule: ActionRule, m: MatchFacts): boolean {
  return (
    rule.disabledAt === null &&
    (rule.signalTypes.length === 0 || rule.signalTypes.includes(m.type)) &&
    (rule.labels.length === 0 || rule.labels.includes(m.label)) &&
    (rule.incidentId === null || rule.incidentId === m.incidentId) &&
    (rule.maxDistance === null || m.distance <= rule.maxDistance)
  );
}

/** What a rule does with a match it applies to. */
export function ruleOutcome(rule: ActionRule, m: MatchFacts): 'webhook' | 'review' | 'log' {
  return matchConfidence(m.distance, m.threshold) < rule.reviewBelow ? 'review' : rule.action;
}

export function toRule(row: CoordinationTables['action_rules']): ActionRule {
  return {
    id: row.id,
    partner: row.partner,
    description: row.description,
    signalTypes: JSON.parse(row.signal_types) as string[],
    labels: JSON.parse(row.labels) as string[],
    incidentId: row.incident_id,
    maxDistance: row.max_distance,
    action: row.action as ActionRule['action'],
    url: row.url,
    reviewBelow: row.review_below,
    onAlerts: row.on_alerts === 1,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}
