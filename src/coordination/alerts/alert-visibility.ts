import type { Viewer } from '../../access/viewer.js';
import { mayLeaveTowards } from '../../exchange/distribution.js';
import type { AlertRecord } from './alert-record.js';

/**
 * The distribution rule for alerts, the same as for signals: a partner sees an alert its
 * level lets leave towards it, one it raised or sent us itself, and one addressed to it
 * (the other side of a referral). This node's own keys see every alert.
 *
 * @example
 *   mayViewAlert({ distribution: 'group:eu', ... }, { kind: 'partner-key', partnerId: 'p', sharingGroups: ['eu'] }); // true
 */
export function mayViewAlert(alert: Pick<AlertRecord, 'distribution' | 'origin' | 'audienceNode' | 'receivedFrom'>, viewer: Viewer): boolean {
  if (viewer.kind === 'self') return true;
  return (
    mayLeaveTowards(alert.distribution, { isSelf: false, sharingGroups: viewer.sharingGroups }) ||
    alert.origin === viewer.partnerId ||
    alert.audienceNode === viewer.partnerId ||
    alert.receivedFrom === viewer.partnerId
  );
}
