import { INCIDENT_CRITERIA, type IncidentConfig } from '../../config/incident-config.js';
import { ConcordError } from '../../errors/concord-error.js';
import type { CriterionCheck, ExternalRef } from './incident-record.js';

/** A declaration as a caller gives it, before the store links banks and signals. */
export interface NewIncident {
  readonly title: string;
  readonly tier: string;
  readonly criteria: readonly { readonly criterion: string; readonly met: boolean; readonly reason?: string }[];
  readonly eventAt: string;
  readonly discoveredAt: string;
  readonly bankIds: readonly number[];
  readonly signalUids: readonly string[];
  readonly externalRefs: readonly ExternalRef[];
  readonly leadProtocol: string | null;
  readonly distribution: string;
}

/**
 * Checks a declaration against the configured tiers and the checklist: every one of the
 * four criteria present once, each with a reason, and those the tier requires met.
 * Returns the checklist in the canonical order. Nothing is stored before this passes.
 */
export function checkDeclaration(config: IncidentConfig, input: NewIncident): CriterionCheck[] {
  const tier = config.tiers.find((t) => t.name === input.tier);
  if (!tier) throw new ConcordError('INCIDENT_TIER_UNKNOWN', `tier "${input.tier}" is not configured here; use one of: ${config.tiers.map((t) => t.name).join(', ')}`);
  const given = new Map<string, (typeof input.criteria)[number]>();
  for (const c of input.criteria) {
    if (!(INCIDENT_CRITERIA as readonly string[]).includes(c.criterion)) throw new ConcordError('INCIDENT_CRITERION_INVALID', `"${c.criterion}" is not an activation criterion; the four are ${INCIDENT_CRITERIA.join(', ')}`);
    if (given.has(c.criterion)) throw new ConcordError('INCIDENT_CRITERION_INVALID', `criterion ${c.criterion} is given twice`);
    given.set(c.criterion, c);
  }
  return INCIDENT_CRITERIA.map((criterion) => {
    const c = given.get(criterion);
    if (!c) throw new ConcordError('INCIDENT_CRITERION_INVALID', `criterion ${criterion} is missing: tick each of the four, met or not, with a reason`);
    const reason = (c.reason ?? '').trim();
    if (reason.length < 3) throw new ConcordError('INCIDENT_CRITERION_INVALID', `criterion ${criterion} has no reason: say why it is${c.met ? '' : ' not'} met`);
    if (!c.met && tier.requires.includes(criterion)) throw new ConcordError('INCIDENT_CRITERION_INVALID', `tier ${tier.name} requires criterion ${criterion} to be met`);
    return { criterion, met: c.met, reason };
  });
}

/** An ISO time as stored (UTC, milliseconds), so event times sort alike at every node. */
export function storedTime(value: string, field: string): string {
  const t = Date.parse(value);
  if (!Number.isFinite(t) || !/\d{4}-\d{2}-\d{2}T/.test(value)) throw new ConcordError('REQUEST_INVALID', `${field}: expected an ISO 8601 time with a zone, got "${value}"`);
  return new Date(t).toISOString();
}
