import type { Viewer } from '../../access/viewer.js';
import { mayLeaveTowards } from '../../exchange/distribution.js';
import type { IncidentRecord } from './incident-record.js';

/**
 * The incident rule, the same as for signals (src/access/viewer.ts): the node's own keys
 * see every incident; a partner sees one its distribution lets out towards it, one it
 * declared, and one it sent us. Its timeline is visible exactly when the incident is.
 *
 *   maySeeIncident(incident, { kind: 'partner-key', partnerId: 'p-x', sharingGroups: [] })
 */
export function maySeeIncident(incident: Pick<IncidentRecord, 'distribution' | 'declarer' | 'receivedFrom'>, viewer: Viewer): boolean {
  if (viewer.kind === 'self') return true;
  return (
    mayLeaveTowards(incident.distribution, { isSelf: false, sharingGroups: viewer.sharingGroups }) ||
    incident.declarer === viewer.partnerId ||
    (incident.receivedFrom !== null && incident.receivedFrom === viewer.partnerId)
  );
}
