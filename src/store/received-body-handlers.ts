import { referralReceivedHandler } from '../coordination/referrals/referral-received.js';
import type { ReceivedBodyHandler } from './received-body-handler.js';
import { incidentReceivedHandler } from '../coordination/incidents/incident-received.js';
import { alertReceivedHandler } from '../coordination/alerts/alert-received.js';
import { sightingReceivedHandler } from '../coordination/early-warning/sighting-received.js';

/**
 * Every handler of non-signal feed events, one line per module. A type may be claimed
 * by one handler only (a test checks).
 */
export const RECEIVED_BODY_HANDLERS: readonly ReceivedBodyHandler[] = [
  incidentReceivedHandler, // coordination/incidents
  referralReceivedHandler, // src/coordination/referrals/
  alertReceivedHandler, // coordination/alerts
  sightingReceivedHandler, // coordination/early-warning
];

export function handlerFor(type: string): ReceivedBodyHandler | undefined {
  return RECEIVED_BODY_HANDLERS.find((h) => h.types.includes(type));
}
