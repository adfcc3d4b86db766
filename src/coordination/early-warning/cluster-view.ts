import { maySee, type Viewer } from '../../access/viewer.js';
import type { SignalRecord } from '../../domain/signal-record.js';
import { ConcordError } from '../../errors/concord-error.js';
import type { KyselyStore } from '../../store/kysely-store.js';
import { coordinationDb } from '../alerts/coordination-tables.js';
import { maySeeIncident } from '../incidents/incident-visibility.js';
import type { SignalClusters } from './signal-clusters.js';
import type { SurgeMonitor } from './surge-monitor.js';

const HOUR = 3_600_000;

export interface ClusterMember {
  readonly uid: string;
  readonly type: string;
  readonly label: string;
  readonly contributor: string;
  readonly incidentId: string | null;
  readonly status: string;
  /** Matches of this signal at this node, all time. */
  readonly matchCount: number;
}

export interface ClusterSummary {
  readonly id: string;
  /** Member signals the viewer may see (the cluster may hold others it may not: they are not counted). */
  readonly size: number;
  readonly exampleSignalUid: string;
  readonly incidents: readonly string[];
  readonly matches: { readonly here: number; readonly sightings: Readonly<Record<string, number>> };
  readonly surge: { readonly state: 'surging' | 'quiet' | 'unknown'; readonly episodes: number; readonly baselinePerBucket: number | null; readonly bucketMs: number | null; readonly seenBy: readonly string[] };
}

export interface ClusterDetail extends ClusterSummary {
  readonly signals: readonly ClusterMember[];
  /** Hourly match counts per node (this node's own and partners' shared sightings), oldest first. */
  readonly hourly: readonly { readonly hour: string; readonly node: string; readonly count: number }[];
  /** The same, per member signal. */
  readonly perSignal: readonly { readonly signalUid: string; readonly hour: string; readonly node: string; readonly count: number }[];
}

export interface ClusterQuery {
  readonly minSize: number;
  readonly surging?: boolean;
  readonly incident?: string;
  /** Only the cluster holding this signal (by uid), if the viewer may see the signal. */
  readonly signal?: string;
  readonly limit: number;
  /** Sightings summed over this many past hours. */
  readonly hours: number;
}

/**
 * Early-warning clusters as a viewer may see them: only member signals the viewer may see
 * (maySee, the one rule) are listed or counted, a cluster with none is absent, incidents
 * are named only where the viewer may see them, and sightings come only from this node and,
 * for a partner's key, from that partner itself (partners' counts reached this node one hop
 * away and go no further).
 */
export class ClusterView {
  constructor(
    private readonly store: KyselyStore,
    private readonly clusters: SignalClusters,
    private readonly surge: () => SurgeMonitor | undefined,
    private readonly selfId: string,
    private readonly now: () => number,
  ) {}

  async list(viewer: Viewer, q: ClusterQuery): Promise<ClusterSummary[]> {
    let groups: Map<number, number[]>;
    if (q.signal !== undefined) {
      const id = this.clusters.idOfUid(q.signal);
      const [own] = id === undefined ? [] : await this.visibleMembers(viewer, [id]);
      groups = own ? new Map([[this.clusters.rootOf(id!)!, this.clusters.memberIds(id!)]]) : new Map();
    } else groups = this.clusters.groups(Math.max(1, q.minSize));
    const out: ClusterSummary[] = [];
    const incidents = await this.visibleIncidents(viewer);
    // Biggest first: an analyst looks at the clusters with most variants before singletons.
    const ordered = [...groups].sort((a, b) => b[1].length - a[1].length || a[0] - b[0]);
    for (const [root, ids] of ordered) {
      const members = await this.visibleMembers(viewer, ids);
      if (members.length < Math.max(1, q.minSize)) continue;
      const summary = await this.summarise(viewer, root, members, incidents, q.hours);
      if (q.surging !== undefined && (summary.surge.state === 'surging') !== q.surging) continue;
      if (q.incident && !summary.incidents.includes(q.incident)) continue;
      out.push(summary);
      if (out.length >= q.limit) break;
    }
    return out;
  }

  async detail(viewer: Viewer, clusterId: string, hours: number): Promise<ClusterDetail> {
    const id = this.clusters.resolve(clusterId);
    const members = id === undefined ? [] : await this.visibleMembers(viewer, this.clusters.memberIds(id));
    if (id === undefined || members.length === 0) throw new ConcordError('CLUSTER_NOT_FOUND', `no cluster ${clusterId} that this caller may see`);
    const incidents = await this.visibleIncidents(viewer);
    const summary = await this.summarise(viewer, this.clusters.rootOf(id)!, members, incidents, hours);
    const rows = await this.sightings(viewer, members.map((m) => m.uid), hours);
    const hourly = new Map<string, number>();
    for (const r of rows) hourly.set(`${r.hour}|${r.node}`, (hourly.get(`${r.hour}|${r.node}`) ?? 0) + r.count);
    return {
      ...summary,
      signals: members.map((s) => ({ uid: s.uid, type: s.type, label: s.label, contributor: s.contributor, incidentId: s.incidentId && incidents.has(s.incidentId) ? s.incidentId : null, status: s.status, matchCount: s.matchCount })),
      hourly: [...hourly].map(([k, count]) => ({ hour: k.split('|')[0]!, node: k.split('|')[1]!, count })).sort((a, b) => a.hour.localeCompare(b.hour) || a.node.localeCompare(b.node)),
      perSignal: rows.map((r) => ({ signalUid: r.signalUid, hour: r.hour, node: r.node, count: r.count })),
    };
  }

  private async summarise(viewer: Viewer, root: number, members: readonly SignalRecord[], incidents: ReadonlySet<string>, hours: number): Promise<ClusterSummary> {
    const info = this.clusters.info(root)!;
    const sightings: Record<string, number> = {};
    for (const r of await this.sightings(viewer, members.map((m) => m.uid), hours)) sightings[r.node] = (sightings[r.node] ?? 0) + r.count;
    const s = this.surge()?.surgeOf(root);
    const exampleVisible = members.some((m) => m.uid === info.exampleSignalUid);
    return {
      id: info.id,
      size: members.length,
      exampleSignalUid: exampleVisible ? info.exampleSignalUid : members[0]!.uid,
      incidents: [...new Set(members.map((m) => m.incidentId).filter((i): i is string => !!i && incidents.has(i)))].sort(),
      matches: { here: members.reduce((n, m) => n + m.matchCount, 0), sightings },
      surge: s
        ? { state: s.surging ? 'surging' : 'quiet', episodes: s.episodes, baselinePerBucket: s.baselinePerBucket, bucketMs: this.surge()!.bucketMs, seenBy: s.seenBy.filter((n) => viewer.kind === 'self' || n === this.selfId || n === viewer.partnerId) }
        : { state: 'unknown', episodes: 0, baselinePerBucket: null, bucketMs: null, seenBy: [] },
    };
  }

  private async visibleMembers(viewer: Viewer, ids: readonly number[]): Promise<SignalRecord[]> {
    const out: SignalRecord[] = [];
    for (let i = 0; i < ids.length; i += 500) out.push(...(await this.store.getSignals(ids.slice(i, i + 500))).filter((s) => maySee(s, viewer)));
    return out.sort((a, b) => a.id - b.id);
  }

  private async visibleIncidents(viewer: Viewer): Promise<Set<string>> {
    return new Set((await this.store.incidents.list()).filter((i) => maySeeIncident(i, viewer)).map((i) => i.id));
  }

  /** Hourly sightings of these signals over the last `hours`, from the nodes the viewer may hear about. */
  private async sightings(viewer: Viewer, uids: readonly string[], hours: number): Promise<{ signalUid: string; hour: string; node: string; count: number }[]> {
    const since = new Date(Math.floor((this.now() - hours * HOUR) / HOUR) * HOUR).toISOString();
    const out: { signalUid: string; hour: string; node: string; count: number }[] = [];
    for (let i = 0; i < uids.length; i += 500) {
      let q = coordinationDb(this.store.db).selectFrom('sightings').select(['signal_uid', 'period_start', 'node', 'count']).where('signal_uid', 'in', uids.slice(i, i + 500)).where('period_start', '>=', since);
      if (viewer.kind !== 'self') q = q.where('node', 'in', [this.selfId, viewer.partnerId]);
      for (const r of await q.execute()) out.push({ signalUid: r.signal_uid, hour: new Date(Math.floor(Date.parse(r.period_start) / HOUR) * HOUR).toISOString(), node: r.node, count: r.count });
    }
    return out.sort((a, b) => a.hour.localeCompare(b.hour) || a.node.localeCompare(b.node) || a.signalUid.localeCompare(b.signalUid));
  }
}
