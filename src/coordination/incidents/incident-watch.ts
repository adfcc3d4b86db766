import type { IncidentConfig } from '../../config/incident-config.js';
import type { Actor } from '../../store/store.js';
import { isoNow, type Clock } from '../../util/clock.js';
import type { AlertSink } from '../alert-sink.js';
import type { OwnEntryInput } from './incident-entries.js';
import type { IncidentRecord, TimelineEntry } from './incident-record.js';
import type { KyselyIncidents } from './incident-store.js';

const HOUR = 3_600_000;

/**
 * The leader's periodic look at open incidents (one `tick` per `checkIntervalMs`; tests
 * call `tick` with a ManualClock). For each, this node writes, as its own signed entries:
 *
 * - `signals_shared` once, when the first of its signals under the incident left the node
 *   (its confirmation time);
 * - `first_match` once, when its signals under the incident first matched here (the
 *   earliest last-match time seen at the first tick after it: exact to one tick);
 * - `matches` at most hourly: the rise of the match counts of those signals since its last
 *   roll-up (`data: { count, from, to }`), so every holder sees matches per hour per partner;
 *
 * and, at the declarer only, `conclusion_proposed` plus an alert when matches across
 * partners stayed under `quietMatchesPerHour` for `quietHours` (once per quiet stretch).
 */
export class IncidentWatch {
  constructor(
    private readonly incidents: KyselyIncidents,
    private readonly config: IncidentConfig,
    private readonly clock: Clock,
    private readonly alerts: AlertSink,
    private readonly self: Actor,
  ) {}

  async tick(): Promise<void> {
    for (const incident of await this.incidents.list()) {
      if (incident.status === 'open') await this.check(incident);
    }
  }

  private async check(incident: IncidentRecord): Promise<void> {
    const now = this.clock.now();
    const at = isoNow(this.clock);
    const node = this.self.partner;
    const timeline = await this.incidents.timeline(incident.id);
    const mine = timeline.filter((e) => e.byNode === node);
    const stats = await this.incidents.signalStats(incident.id);
    const write: OwnEntryInput[] = [];
    if (stats.firstSharedAt && !mine.some((e) => e.kind === 'signals_shared')) {
      write.push({ kind: 'signals_shared', text: 'first signals shared', eventAt: stats.firstSharedAt, discoveredAt: at });
    }
    if (stats.matches > 0 && !mine.some((e) => e.kind === 'first_match')) {
      write.push({ kind: 'first_match', text: 'first match here', eventAt: stats.firstMatchedAt ?? at, discoveredAt: at });
    }
    const rolled = mine.filter((e) => e.kind === 'matches');
    const counted = rolled.reduce((n, e) => n + Number(e.data.count ?? 0), 0);
    const pending = stats.matches - counted;
    const from = rolled.length > 0 ? String(rolled[rolled.length - 1]!.data.to) : incident.createdAt;
    if (pending > 0 && now - Date.parse(from) >= HOUR) {
      write.push({ kind: 'matches', text: `${pending} matches`, data: { count: pending, from, to: at }, eventAt: at, discoveredAt: at });
    }
    const written = write.length > 0 ? await this.incidents.addEntries(incident.id, write, this.self) : [];
    if (incident.declarer === node) await this.proposeConclusion(incident, [...timeline, ...written], now, at, write.some((w) => w.kind === 'matches') ? 0 : Math.max(0, pending));
  }

  private async proposeConclusion(incident: IncidentRecord, timeline: readonly TimelineEntry[], now: number, at: string, unrolled: number): Promise<void> {
    const { quietHours, quietMatchesPerHour } = this.config;
    const windowStart = now - quietHours * HOUR;
    if (Date.parse(incident.declaredAt) > windowStart) return; // not N hours old yet
    const matches = timeline.filter((e) => e.kind === 'matches');
    const lastActivity = matches.reduce((t, e) => (e.eventAt > t ? e.eventAt : t), '');
    if (timeline.some((e) => e.kind === 'conclusion_proposed' && e.eventAt >= lastActivity)) return; // proposed already for this quiet stretch
    const inWindow = matches.filter((e) => Date.parse(e.eventAt) >= windowStart).reduce((n, e) => n + Number(e.data.count ?? 0), 0) + unrolled;
    const rate = inWindow / quietHours;
    if (rate >= quietMatchesPerHour) return;
    const data = { matchesPerHour: Math.round(rate * 1000) / 1000, hours: quietHours, threshold: quietMatchesPerHour };
    const [entry] = await this.incidents.addEntries(incident.id, [{ kind: 'conclusion_proposed', text: `matches across partners stayed under ${quietMatchesPerHour} per hour for ${quietHours} h`, data, eventAt: at, discoveredAt: at }], this.self);
    await this.alerts.raise({
      kind: 'incident_conclusion_proposed',
      severity: 'info',
      title: `Incident "${incident.title}" has been quiet for ${quietHours} h: conclude it?`,
      subject: { type: 'incident', id: incident.id },
      dedupeKey: `incident-conclusion:${incident.id}:${entry!.id}`,
      incidentId: incident.id,
      details: data,
      distribution: 'local',
    });
  }
}
