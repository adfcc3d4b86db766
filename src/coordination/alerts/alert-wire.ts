import { z } from 'zod';
import { AlertInputSchema } from './alert-record.js';

/** The feed body type of an alert raised at its origin node. */
export const ALERT_RAISED = 'alert.raised';

/**
 * An alert on the feed. The origin node is the feed's own (`node`, covered by the
 * signature), so a receiver never takes the author from the body.
 */
export const AlertRaisedBody = z.object({
  type: z.literal(ALERT_RAISED),
  at: z.string(),
  node: z.string(),
  alert: AlertInputSchema.extend({ uid: z.string().min(1).max(200), raisedAt: z.string() }),
});
export type AlertRaisedBody = z.infer<typeof AlertRaisedBody>;
