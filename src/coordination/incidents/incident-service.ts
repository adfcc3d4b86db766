import type { IncidentConfig } from '../../config/incident-config.js';
import { ConcordError } from '../../errors/concord-error.js';
import type { Viewer } from '../../access/viewer.js';
import type { KyselyIncidents } from './incident-store.js';
import type { Actor } from '../../store/store.js';
import { debriefOf, type Debrief } from './incident-debrief.js';
import { checkDeclaration, storedTime, type NewIncident } from './incident-input.js';
import type { IncidentRecord, TimelineEntry } from './incident-record.js';
import { maySeeIncident } from './incident-visibility.js';

export interface IncidentDetail {
  readonly incident: IncidentRecord;
  readonly timeline: readonly TimelineEntry[];
  readonly debrief: Debrief;
}

/**
 * What the API and the CLI do with incidents: every read through the viewer's rule (an
 * incident a viewer may not see is INCIDENT_NOT_FOUND, exactly like one that does not
 * exist), every write as this node.
 *
 * @example
 *   const incidents = new IncidentService(store.incidents, config.incidents, () => clock.now());
 *   await incidents.declare({ title: 'Attack livestream', tier: 'perpetrator_content', … }, actor);
 */
export class IncidentService {
  constructor(private readonly store: KyselyIncidents, private readonly config: IncidentConfig, private readonly now: () => number) {}

  declare(input: NewIncident, actor: Actor): Promise<IncidentDetail> {
    const criteria = checkDeclaration(this.config, input);
    const normalised = { ...input, eventAt: storedTime(input.eventAt, 'eventAt'), discoveredAt: storedTime(input.discoveredAt, 'discoveredAt') };
    return this.store.declare(normalised, criteria, actor).then(({ incident, timeline }) => ({ incident, timeline, debrief: debriefOf(incident, timeline) }));
  }

  async list(viewer: Viewer, filter: { status?: 'open' | 'concluded' } = {}): Promise<IncidentRecord[]> {
    return (await this.store.list()).filter((i) => maySeeIncident(i, viewer) && (!filter.status || i.status === filter.status));
  }

  async detail(viewer: Viewer, id: string): Promise<IncidentDetail> {
    const incident = await this.store.get(id);
    if (!incident || !maySeeIncident(incident, viewer)) throw new ConcordError('INCIDENT_NOT_FOUND', `no incident with id ${id}`);
    const timeline = await this.store.timeline(id);
    return { incident, timeline, debrief: debriefOf(incident, timeline) };
  }

  /** A note, or an action taken, by this node. */
  note(id: string, input: { kind: 'note' | 'action' | 'variant'; text: string; eventAt?: string; discoveredAt?: string }, actor: Actor): Promise<TimelineEntry> {
    const at = new Date(this.now()).toISOString();
    const eventAt = input.eventAt ? storedTime(input.eventAt, 'eventAt') : at;
    const discoveredAt = input.discoveredAt ? storedTime(input.discoveredAt, 'discoveredAt') : at;
    return this.store.addEntries(id, [{ kind: input.kind, text: input.text, eventAt, discoveredAt }], actor).then((e) => e[0]!);
  }

  /** This node declares it is working the incident: a `joined` entry, once. */
  join(id: string, text: string, actor: Actor): Promise<TimelineEntry> {
    const at = new Date(this.now()).toISOString();
    return this.store
      .addEntries(id, [{ kind: 'joined', text, eventAt: at, discoveredAt: at }], actor, (incident, timeline, self) => {
        if (incident.status === 'concluded') throw new ConcordError('INCIDENT_CONCLUDED', `incident ${id} was concluded at ${incident.concludedAt}`);
        if (incident.declarer === self || timeline.some((e) => e.byNode === self && e.kind === 'joined')) throw new ConcordError('INCIDENT_ALREADY_JOINED', `this node already ${incident.declarer === self ? 'declared' : 'joined'} incident ${id}`);
      })
      .then((e) => e[0]!);
  }

  /**
   * Concluded by the declaring partner only: a `concluded` entry and a `debrief` entry
   * holding the measured timings, in one transaction.
   */
  async conclude(id: string, text: string, actor: Actor): Promise<IncidentDetail> {
    const at = new Date(this.now()).toISOString();
    const current = await this.store.get(id);
    if (!current) throw new ConcordError('INCIDENT_NOT_FOUND', `no incident with id ${id}`);
    const debrief = debriefOf({ ...current, concludedAt: at }, await this.store.timeline(id));
    await this.store.addEntries(
      id,
      [
        { kind: 'concluded', text, eventAt: at, discoveredAt: at },
        { kind: 'debrief', text: 'measured timings', data: { ...debrief }, eventAt: at, discoveredAt: at },
      ],
      actor,
      (incident, _timeline, self) => {
        if (incident.declarer !== self) throw new ConcordError('INCIDENT_NOT_DECLARER', `incident ${id} was declared by ${incident.declarer}; only that partner concludes it`);
        if (incident.status === 'concluded') throw new ConcordError('INCIDENT_CONCLUDED', `incident ${id} was concluded at ${incident.concludedAt}`);
      },
      true,
    );
    return this.detail({ kind: 'self' }, id);
  }
}
