import { z } from 'zod';

/** The four activation criteria of an incident, as a checklist (the GIFCT Content Incident Protocol's test). */
export const INCIDENT_CRITERIA = ['ongoing_attack', 'perpetrator_produced', 'depicts_killing', 'on_partner_services'] as const;
export type IncidentCriterion = (typeof INCIDENT_CRITERIA)[number];

const Tier = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
  /** Criteria that must be met (ticked true) to declare at this tier; every criterion always needs a reason. */
  requires: z.array(z.enum(INCIDENT_CRITERIA)).default([]),
});

/**
 * Incident settings: tier names are configuration, not code, so a network can adopt the
 * names of the protocol it follows. Conclusion is proposed (never decided) when matches
 * across partners stay under `quietMatchesPerHour` for `quietHours`.
 */
export const IncidentConfigSchema = z
  .object({
    tiers: z.array(Tier).min(1).default([
      { name: 'perpetrator_content', requires: [...INCIDENT_CRITERIA] },
      { name: 'content_incident', requires: ['ongoing_attack', 'on_partner_services'] },
      { name: 'awareness', requires: [] },
    ]),
    quietMatchesPerHour: z.number().nonnegative().default(1),
    quietHours: z.number().int().positive().default(24),
    /** How often the leader checks incidents (first shares, first matches, hourly roll-ups, quiet periods). */
    checkIntervalMs: z.number().int().positive().default(60_000),
  })
  .strict();

export type IncidentConfig = Readonly<z.infer<typeof IncidentConfigSchema>>;

export const DEFAULT_INCIDENT_CONFIG: IncidentConfig = IncidentConfigSchema.parse({});
