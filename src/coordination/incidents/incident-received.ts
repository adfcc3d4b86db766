import type { Viewer } from '../../access/viewer.js';
import type { ErrorCode } from '../../errors/error-catalogue.js';
import { oneHopLess } from '../../exchange/distribution.js';
import type { PendingEvent } from '../../exchange/feed/feed-body.js';
import { canonicalJson } from '../../store/audit-hash.js';
import type { ReceivedBodyContext, ReceivedBodyHandler } from '../../store/received-body-handler.js';
import { incidentByUid } from './incident-entries.js';
import { checkOriginal, selfNodeId } from './incident-provenance.js';
import { DECLARER_KINDS, type IncidentRecord } from './incident-record.js';
import { maySeeIncident } from './incident-visibility.js';
import { IncidentDeclaredBody, IncidentEntryBody, INCIDENT_EVENT_TYPES } from './incident-wire.js';

type Outcome = 'applied' | 'skipped';

/** Refused: counted by the sync as skipped, and recorded in the audit log with its code. */
function refuse(ctx: ReceivedBodyContext, code: ErrorCode, subject: string, reason: string, entry?: string): Outcome {
  ctx.audit.push({ action: 'incident.refused', subjectType: 'incident', subjectId: subject, details: { code, reason, from: ctx.from.id, ...(entry ? { entry } : {}) } });
  return 'skipped';
}

/**
 * Incidents and timeline entries from partners' feeds. Each is stored once by its id
 * (the same event arrives directly and relayed); an entry is taken only from a node that
 * may see the incident here, and only with proof its author signed it: the sender's own
 * feed signature when the sender is the author, else the author's signed event carried in
 * `original`. Entries travel towards the declarer and from it to every holder:
 *
 * - at the declarer, a partner's entry is published again to the incident's audience;
 * - elsewhere, one from upstream (the node the incident came from) goes on downstream,
 *   and one from any other partner goes upstream only.
 */
export const incidentReceivedHandler: ReceivedBodyHandler = {
  types: INCIDENT_EVENT_TYPES,
  async apply(ctx, body) {
    return body.type === 'incident.declared' ? applyDeclared(ctx, body) : applyEntry(ctx, body);
  },
};

async function applyDeclared(ctx: ReceivedBodyContext, raw: Record<string, unknown>): Promise<Outcome> {
  const parsed = IncidentDeclaredBody.safeParse(raw);
  if (!parsed.success) return 'skipped';
  const { incident: inc, original } = parsed.data;
  const self = await selfNodeId(ctx.trx);
  if (inc.declarer === self || (await incidentByUid(ctx.trx, inc.uid))) return 'skipped'; // ours, or already held: not an attack
  let proof = ctx.wire;
  if (inc.declarer !== ctx.from.id) {
    const check = await checkOriginal(ctx.trx, original, { byNode: inc.declarer, type: 'incident.declared', field: 'incident', expected: (raw as { incident: Record<string, unknown> }).incident, skip: 'distribution' });
    if (check.kind === 'bad') return refuse(ctx, 'INCIDENT_ENTRY_FORGED', inc.uid, check.problem);
    proof = original!;
  }
  const distribution = oneHopLess(inc.distribution);
  await ctx.trx
    .insertInto('incidents')
    .values({
      uid: inc.uid,
      title: inc.title,
      tier: inc.tier,
      criteria: canonicalJson(inc.criteria),
      event_at: inc.eventAt,
      discovered_at: inc.discoveredAt,
      banks: canonicalJson(inc.banks),
      signal_uids: canonicalJson(inc.signalUids),
      external_refs: canonicalJson(inc.externalRefs),
      lead_protocol: inc.leadProtocol,
      distribution,
      declarer: inc.declarer,
      received_from: ctx.from.id,
      origin_event: proof,
      status: 'open',
      concluded_at: null,
      declared_at: inc.declaredAt,
      created_at: ctx.at,
      updated_at: ctx.at,
    })
    .execute();
  ctx.audit.push({ action: 'incident.received', subjectType: 'incident', subjectId: inc.uid, details: { title: inc.title, tier: inc.tier, declarer: inc.declarer, from: ctx.from.id, distribution } });
  if (distribution !== 'local') ctx.feed.push({ body: { type: 'incident.declared', incident: { ...inc, distribution }, original: proof }, audience: distribution });
  return 'applied';
}

async function applyEntry(ctx: ReceivedBodyContext, raw: Record<string, unknown>): Promise<Outcome> {
  const parsed = IncidentEntryBody.safeParse(raw);
  if (!parsed.success) return 'skipped';
  const { entry: e, original } = parsed.data;
  const self = await selfNodeId(ctx.trx);
  if (await ctx.trx.selectFrom('incident_entries').select('id').where('uid', '=', e.uid).executeTakeFirst()) return 'skipped'; // ours coming back, or along a second path
  if (e.byNode === self) return refuse(ctx, 'INCIDENT_ENTRY_FORGED', e.incident, 'an entry in this node\'s name that this node never wrote', e.uid);
  const incident = await incidentByUid(ctx.trx, e.incident);
  if (!incident) return refuse(ctx, 'INCIDENT_NOT_FOUND', e.incident, 'an entry about an incident this node does not hold', e.uid);
  const sender: Viewer = { kind: 'partner-node', partnerId: ctx.from.id, sharingGroups: ctx.from.sharingGroups };
  if (!maySeeIncident(incident, sender)) return refuse(ctx, 'INCIDENT_SENDER_NOT_ALLOWED', e.incident, `${ctx.from.id} may not see this incident here`, e.uid);
  if (DECLARER_KINDS.has(e.kind) && e.byNode !== incident.declarer) return refuse(ctx, 'INCIDENT_ENTRY_FORGED', e.incident, `only the declarer writes ${e.kind} entries; this one names ${e.byNode}`, e.uid);
  let proof = ctx.wire;
  if (e.byNode !== ctx.from.id) {
    const check = await checkOriginal(ctx.trx, original, { byNode: e.byNode, type: 'incident.entry', field: 'entry', expected: (raw as { entry: Record<string, unknown> }).entry });
    if (check.kind === 'bad') return refuse(ctx, 'INCIDENT_ENTRY_FORGED', e.incident, check.problem, e.uid);
    // An author this node has no key for is taken on the word of the node the incident came from, the way back to the declarer.
    if (check.kind === 'unverifiable' && ctx.from.id !== incident.receivedFrom && ctx.from.id !== incident.declarer) {
      return refuse(ctx, 'INCIDENT_ENTRY_FORGED', e.incident, `${e.byNode} is unknown here and ${ctx.from.id} is not on the incident's path to its declarer`, e.uid);
    }
    proof = original!;
  }
  const taken = await ctx.trx.selectFrom('incident_entries').select('uid').where('incident_uid', '=', e.incident).where('by_node', '=', e.byNode).where('node_seq', '=', e.nodeSeq).executeTakeFirst();
  if (taken) return refuse(ctx, 'INCIDENT_ENTRY_REPLAYED', e.incident, `${e.byNode}'s entry ${e.nodeSeq} is already ${taken.uid}`, e.uid);
  await ctx.trx
    .insertInto('incident_entries')
    .values({ uid: e.uid, incident_uid: e.incident, by_node: e.byNode, node_seq: e.nodeSeq, kind: e.kind, event_at: e.eventAt, discovered_at: e.discoveredAt, text: e.text, data: canonicalJson(e.data), received_from: ctx.from.id, origin_event: proof, created_at: ctx.at })
    .execute();
  if (e.kind === 'concluded' && incident.status !== 'concluded') {
    await ctx.trx.updateTable('incidents').set({ status: 'concluded', concluded_at: e.eventAt, updated_at: ctx.at }).where('uid', '=', e.incident).execute();
  }
  ctx.audit.push({ action: 'incident.entry_received', subjectType: 'incident', subjectId: e.incident, details: { entry: e.uid, kind: e.kind, byNode: e.byNode, from: ctx.from.id } });
  const relay = relayAudience(incident, ctx.from.id);
  if (relay) ctx.feed.push({ body: { type: 'incident.entry', entry: (raw as { entry: Record<string, unknown> }).entry, original: proof }, ...relay });
  return 'applied';
}

/** Where a received entry goes next (see the handler's comment), or nowhere. */
export function relayAudience(incident: Pick<IncidentRecord, 'distribution' | 'receivedFrom'>, from: string): Pick<PendingEvent, 'audience' | 'audienceNode'> | undefined {
  if (incident.receivedFrom === null) return { audience: incident.distribution };
  if (from === incident.receivedFrom) return incident.distribution === 'local' ? undefined : { audience: incident.distribution };
  return { audience: 'local', audienceNode: incident.receivedFrom };
}
