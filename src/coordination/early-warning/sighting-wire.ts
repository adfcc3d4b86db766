import { z } from 'zod';

/** The feed body type of a node's match counts for one period. */
export const SIGHTING_COUNTS = 'sighting.counts';

/**
 * Sightings: how many times each signal matched at a node during one period. Counts only:
 * never what was uploaded, by whom, or from where. The node is the feed's own.
 */
export const SightingCountsBody = z.object({
  type: z.literal(SIGHTING_COUNTS),
  at: z.string(),
  node: z.string(),
  periodStart: z.iso.datetime(),
  periodMs: z.number().int().min(60_000).max(7 * 24 * 3_600_000),
  counts: z.array(z.object({ uid: z.string().min(1).max(100), count: z.number().int().min(1).max(2_147_483_647) })).min(1).max(10_000),
});
export type SightingCountsBody = z.infer<typeof SightingCountsBody>;
