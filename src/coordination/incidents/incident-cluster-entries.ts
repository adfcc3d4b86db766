import type { Transaction } from 'kysely';
import type { PendingEvent } from '../../exchange/feed/feed-body.js';
import type { Database } from '../../store/database-schema.js';
import type { KyselyContext } from '../../store/kysely/kysely-context.js';
import { appendAudit, type AuditEvent } from '../../store/store-audit.js';
import { appendFeed } from '../../store/store-feed.js';
import type { AlertRecord } from '../alerts/alert-record.js';
import type { SignalClusters } from '../early-warning/signal-clusters.js';
import { incidentByUid, timelineOf, writeOwnEntry, type OwnEntryInput } from './incident-entries.js';

/** Alerts that already have an entry of their own on the timeline. */
const OWN_ENTRY_ALERTS: ReadonlySet<string> = new Set(['incident_conclusion_proposed']);

/**
 * The timeline entries early warning writes on open incidents, signed by this node like the
 * watcher's roll-ups (incident-watch.ts):
 *
 * - `variant`: a signal this node added joined the cluster of an incident's signals
 *   without being added under it (`data: { signalUid, type, cluster }`), or an uploaded
 *   file proposed new-variant candidates for that cluster (`data: { candidates, types,
 *   cluster, matchedSignalUid }`; the hashes stay in the review queue);
 * - `alert`: this node raised an alert about the incident, its signals or its cluster
 *   (`data: { alertUid, kind, severity, subject }`), in the alert's own transaction.
 *
 * An incident's cluster is found from its signals (signals.incident_uid), so only
 * incidents with signals here are concerned; concluded incidents get no more entries.
 */
export class IncidentClusterEntries {
  constructor(
    private readonly ctx: KyselyContext,
    private readonly clusters: SignalClusters,
  ) {}

  private get self(): string | undefined {
    return this.ctx.signer?.nodeId;
  }

  /** Open incidents by the root of the cluster their signals are in. */
  private async incidentRoots(db: Transaction<Database> | KyselyContext['db']): Promise<Map<number, Set<string>>> {
    const rows = await db
      .selectFrom('signals')
      .innerJoin('incidents', 'incidents.uid', 'signals.incident_uid')
      .select(['signals.id as id', 'incidents.uid as incident'])
      .where('incidents.status', '=', 'open')
      .execute();
    const out = new Map<number, Set<string>>();
    for (const r of rows) {
      const root = this.clusters.rootOf(Number(r.id));
      if (root === undefined) continue;
      const set = out.get(root) ?? new Set<string>();
      set.add(r.incident);
      out.set(root, set);
    }
    return out;
  }

  /** In the transaction of a new alert raised here: an `alert` entry on each incident it concerns. */
  async onAlert(trx: Transaction<Database>, alert: AlertRecord, at: string): Promise<void> {
    const self = this.self;
    if (!self || OWN_ENTRY_ALERTS.has(alert.kind) || alert.receivedFrom !== null) return;
    const concerned = new Set<string>(alert.incidentId ? [alert.incidentId] : []);
    // Signals added under an incident name it themselves, caught up in the clusters or not.
    if (alert.signalUids.length > 0) {
      const own = await trx.selectFrom('signals').select('incident_uid').where('uid', 'in', [...alert.signalUids]).where('incident_uid', 'is not', null).execute();
      for (const r of own) concerned.add(r.incident_uid!);
    }
    const roots = await this.incidentRoots(trx);
    const ids = alert.signalUids.map((u) => this.clusters.idOfUid(u)).filter((id): id is number => id !== undefined);
    if (alert.subject.type === 'cluster') {
      const id = this.clusters.resolve(alert.subject.id);
      if (id !== undefined) ids.push(id);
    }
    for (const id of ids) for (const incident of roots.get(this.clusters.rootOf(id)!) ?? []) concerned.add(incident);
    const data = { alertUid: alert.uid, kind: alert.kind, severity: alert.severity, subject: alert.subject };
    await this.write(trx, at, [...concerned].map((incident) => ({ incident, input: { kind: 'alert', text: alert.title, data, eventAt: alert.firstAt, discoveredAt: at } })));
  }

  /** After the clusters took in signals up to `upTo`: a `variant` entry for each of this node's new signals that joined an incident's cluster. */
  async onNewSignals(after: number, upTo: number): Promise<number> {
    if (upTo <= after || !this.self) return 0;
    return this.ctx.changeTx(async (trx) => {
      const roots = await this.incidentRoots(trx);
      if (roots.size === 0) return 0;
      const rows = await trx.selectFrom('signals').select(['id', 'uid', 'type', 'incident_uid', 'created_at']).where('id', '>', after).where('id', '<=', upTo).where('origin', 'is', null).execute();
      const at = this.ctx.now();
      const writes: { incident: string; input: OwnEntryInput }[] = [];
      for (const r of rows) {
        const root = this.clusters.rootOf(Number(r.id));
        const info = this.clusters.info(Number(r.id));
        for (const incident of root === undefined ? [] : (roots.get(root) ?? [])) {
          if (incident === r.incident_uid) continue; // added under the incident: not a new variant of it
          const timeline = await timelineOf(trx, incident);
          if (timeline.some((e) => e.kind === 'variant' && e.data.signalUid === r.uid)) continue;
          writes.push({ incident, input: { kind: 'variant', text: `new variant: a ${r.type} signal joined the incident's cluster`, data: { signalUid: r.uid, type: r.type, cluster: info?.id ?? null }, eventAt: r.created_at, discoveredAt: at } });
        }
      }
      await this.write(trx, at, writes);
      return writes.length;
    });
  }

  /** After an upload proposed new-variant candidates near `matchedSignalId`: a `variant` entry on the incidents of its cluster. */
  async onCandidates(matchedSignalId: number, matchedSignalUid: string, types: readonly string[]): Promise<number> {
    if (types.length === 0 || !this.self) return 0;
    return this.ctx.changeTx(async (trx) => {
      const root = this.clusters.rootOf(matchedSignalId);
      const incidents = root === undefined ? [] : [...((await this.incidentRoots(trx)).get(root) ?? [])];
      const at = this.ctx.now();
      const cluster = this.clusters.info(matchedSignalId)?.id ?? null;
      const data = { candidates: types.length, types: [...new Set(types)].sort(), cluster, matchedSignalUid };
      const text = `${types.length} new variant candidate(s) proposed for review, near ${matchedSignalUid}`;
      await this.write(trx, at, incidents.map((incident) => ({ incident, input: { kind: 'variant', text, data, eventAt: at, discoveredAt: at } })));
      return incidents.length;
    });
  }

  private async write(trx: Transaction<Database>, at: string, writes: readonly { incident: string; input: OwnEntryInput }[]): Promise<void> {
    const self = this.self!;
    const events: PendingEvent[] = [];
    const audit: AuditEvent[] = [];
    for (const { incident: uid, input } of writes) {
      const incident = await incidentByUid(trx, uid);
      if (!incident || incident.status !== 'open') continue;
      const written = await writeOwnEntry(trx, self, incident, input, this.ctx.ids.uuid(), at);
      events.push(written.event);
      audit.push({ action: `incident.${input.kind}`, subjectType: 'incident', subjectId: uid, details: { entry: written.entry.id, text: input.text, data: input.data ?? {} } });
    }
    await appendAudit(trx, this.ctx.dialect, { partner: self, keyId: null }, at, audit);
    await appendFeed(trx, this.ctx.signer, at, events);
  }
}
