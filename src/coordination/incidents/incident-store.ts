import type { Transaction } from 'kysely';
import { ConcordError } from '../../errors/concord-error.js';
import type { PendingEvent } from '../../exchange/feed/feed-body.js';
import { canonicalJson } from '../../store/audit-hash.js';
import type { Database } from '../../store/database-schema.js';
import type { KyselyContext } from '../../store/kysely/kysely-context.js';
import { appendAudit, type AuditEvent } from '../../store/store-audit.js';
import { appendFeed } from '../../store/store-feed.js';
import type { Actor } from '../../store/store.js';
import { incidentByUid, timelineOf, writeOwnEntry, type OwnEntryInput } from './incident-entries.js';
import type { CriterionCheck, IncidentRecord, TimelineEntry } from './incident-record.js';
import type { NewIncident } from './incident-input.js';
import { sharedIncident, toIncident } from './incident-rows.js';

/**
 * Incidents and their timelines in the store. Every write stores the change, its audit
 * entries and its signed feed events in one transaction (changeTx), so long-polling
 * partners are woken at commit and nothing is half-written.
 */
export class KyselyIncidents {
  constructor(private readonly ctx: KyselyContext) {}

  private self(): string {
    const id = this.ctx.signer?.nodeId;
    if (!id) throw new ConcordError('NODE_KEY_MISSING', 'this process has no node key loaded, so it cannot sign incident events');
    return id;
  }

  /** Declares an incident here: the incident and its `declared` entry go out together. */
  declare(input: NewIncident, criteria: readonly CriterionCheck[], actor: Actor): Promise<{ incident: IncidentRecord; timeline: TimelineEntry[] }> {
    return this.ctx.changeTx(async (trx) => {
      const at = this.ctx.now();
      const self = this.self();
      const banks = await linkedBanks(trx, input.bankIds);
      await linkedSignals(trx, input.signalUids);
      const row = await trx
        .insertInto('incidents')
        .values({
          uid: this.ctx.ids.uuid(),
          title: input.title,
          tier: input.tier,
          criteria: canonicalJson(criteria),
          event_at: input.eventAt,
          discovered_at: input.discoveredAt,
          banks: canonicalJson(banks),
          signal_uids: canonicalJson([...new Set(input.signalUids)]),
          external_refs: canonicalJson(input.externalRefs),
          lead_protocol: input.leadProtocol,
          distribution: input.distribution,
          declarer: self,
          received_from: null,
          origin_event: null,
          status: 'open',
          concluded_at: null,
          declared_at: at,
          created_at: at,
          updated_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const incident = toIncident(row);
      const declared = await writeOwnEntry(trx, self, incident, { kind: 'declared', text: incident.title, data: { tier: incident.tier }, eventAt: at, discoveredAt: at }, this.ctx.ids.uuid(), at);
      await appendAudit(trx, this.ctx.dialect, actor, at, [
        { action: 'incident.declared', subjectType: 'incident', subjectId: incident.id, details: { title: incident.title, tier: incident.tier, distribution: incident.distribution } },
      ]);
      await appendFeed(trx, this.ctx.signer, at, [{ body: { type: 'incident.declared', incident: sharedIncident(incident) }, audience: incident.distribution }, declared.event]);
      return { incident, timeline: [declared.entry] };
    });
  }

  list(): Promise<IncidentRecord[]> {
    return this.ctx.run(async () => (await this.ctx.db.selectFrom('incidents').selectAll().orderBy('declared_at', 'desc').orderBy('uid').execute()).map(toIncident));
  }

  get(uid: string): Promise<IncidentRecord | undefined> {
    return this.ctx.run(() => incidentByUid(this.ctx.db, uid));
  }

  timeline(uid: string): Promise<TimelineEntry[]> {
    return this.ctx.run(() => timelineOf(this.ctx.db, uid));
  }

  /**
   * Adds entries written by this node (a note, an action, the watcher's roll-ups). `check`
   * runs first, inside the transaction, against the incident as stored.
   */
  addEntries(uid: string, inputs: readonly OwnEntryInput[], actor: Actor, check?: (incident: IncidentRecord, timeline: readonly TimelineEntry[], self: string) => void, conclude = false): Promise<TimelineEntry[]> {
    return this.ctx.changeTx(async (trx) => {
      const at = this.ctx.now();
      const self = this.self();
      let incident = await incidentByUid(trx, uid);
      if (!incident) throw new ConcordError('INCIDENT_NOT_FOUND', `no incident with id ${uid}`);
      check?.(incident, await timelineOf(trx, uid), self);
      if (conclude) {
        await trx.updateTable('incidents').set({ status: 'concluded', concluded_at: at, updated_at: at }).where('uid', '=', uid).execute();
        incident = { ...incident, status: 'concluded', concludedAt: at };
      }
      const entries: TimelineEntry[] = [];
      const events: PendingEvent[] = [];
      const audit: AuditEvent[] = [];
      for (const input of inputs) {
        const written = await writeOwnEntry(trx, self, incident, input, this.ctx.ids.uuid(), at);
        entries.push(written.entry);
        events.push(written.event);
        audit.push({ action: `incident.${input.kind}`, subjectType: 'incident', subjectId: uid, details: { entry: written.entry.id, text: input.text, data: input.data ?? {} } });
      }
      await appendAudit(trx, this.ctx.dialect, actor, at, audit);
      await appendFeed(trx, this.ctx.signer, at, events);
      return entries;
    });
  }

  /**
   * What the watcher needs about this node's signals under an incident: match total, the
   * first time one of its own was shared, and the earliest time one was last matched.
   */
  signalStats(uid: string): Promise<{ matches: number; firstSharedAt: string | null; firstMatchedAt: string | null }> {
    return this.ctx.run(async () => {
      const all = await this.ctx.db
        .selectFrom('signals')
        .select((eb) => [eb.fn.sum<number>('match_count').as('matches'), eb.fn.min('last_matched_at').as('matched')])
        .where('incident_uid', '=', uid)
        .executeTakeFirst();
      const own = await this.ctx.db
        .selectFrom('signals')
        .select((eb) => eb.fn.min('confirmed_at').as('shared'))
        .where('incident_uid', '=', uid)
        .where('origin', 'is', null)
        .where('distribution', '!=', 'local')
        .executeTakeFirst();
      return { matches: Number(all?.matches ?? 0), firstSharedAt: (own?.shared as string | null) ?? null, firstMatchedAt: (all?.matched as string | null) ?? null };
    });
  }
}

async function linkedBanks(trx: Transaction<Database>, ids: readonly number[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await trx.selectFrom('banks').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  const missing = [...new Set(ids)].filter((id) => !rows.some((r) => Number(r.id) === id));
  if (missing.length > 0) throw new ConcordError('INCIDENT_LINK_UNKNOWN', `no bank with id ${missing.join(', ')}`);
  return rows.map((r) => r.name).sort();
}

async function linkedSignals(trx: Transaction<Database>, uids: readonly string[]): Promise<void> {
  const wanted = [...new Set(uids)];
  for (let i = 0; i < wanted.length; i += 500) {
    const chunk = wanted.slice(i, i + 500);
    const rows = await trx.selectFrom('signals').select('uid').where('uid', 'in', chunk).execute();
    const missing = chunk.filter((u) => !rows.some((r) => r.uid === u));
    if (missing.length > 0) throw new ConcordError('INCIDENT_LINK_UNKNOWN', `no signal with uid ${missing.slice(0, 5).join(', ')}`);
  }
}
