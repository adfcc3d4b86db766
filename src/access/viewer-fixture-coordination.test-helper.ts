import { randomBytes } from 'node:crypto';
import type { TestNode } from '../api/api-test-node.test-helper.js';

/** The levels incidents and alerts are made at: two a partner in group `mine` may not see, two it may. */
export const COORDINATION_LEVELS = ['local', 'group:other', 'group:mine', 'partners'] as const;
type Level = (typeof COORDINATION_LEVELS)[number];
const HIDDEN: readonly Level[] = ['local', 'group:other'];

/** A host signal a find can name. */
export interface FindTarget {
  readonly id: number;
  readonly level: string;
}

export interface CoordinationFixture {
  /** Incident ids by level, for the `:id` routes. */
  readonly incidentIds: readonly string[];
  /** Every incident title, timeline note, alert title and find URL a partner may not see. */
  readonly hiddenFromPartner: readonly string[];
  /** All of them. */
  readonly everything: readonly string[];
}

const tag = () => randomBytes(4).toString('hex');
const CRITERIA = ['ongoing_attack', 'perpetrator_produced', 'depicts_killing', 'on_partner_services'].map((criterion) => ({ criterion, met: true, reason: 'established for the viewer fixture' }));

/**
 * The host's objects of the later modules, so the viewer × route loop checks their reads
 * with something to hide: an incident (with a timeline note) and an alert at each level,
 * and a find of each given signal (the find raises its own alert, at a level derived from
 * the signals it names). `findTargets` marks as hidden those a partner may not see.
 */
export async function coordinationFixture(t: TestNode, findTargets: readonly (FindTarget & { readonly hidden: boolean })[]): Promise<CoordinationFixture> {
  const hidden: string[] = [];
  const shown: string[] = [];
  const keep = (level: Level | boolean, ...secrets: string[]) => ((typeof level === 'boolean' ? level : HIDDEN.includes(level)) ? hidden : shown).push(...secrets);
  const made = async (what: string, res: Promise<{ status: number; json: any }>) => {
    const r = await res;
    if (r.status !== 201) throw new Error(`viewer fixture: ${what} → ${r.status} ${JSON.stringify(r.json)}`);
    return r.json;
  };

  const incidentIds: string[] = [];
  for (const level of COORDINATION_LEVELS) {
    const title = `incident ${level} ${tag()}`;
    const body = { title, tier: 'perpetrator_content', criteria: CRITERIA, eventAt: '2030-01-01T09:58:00Z', discoveredAt: '2030-01-01T10:02:00Z', distribution: level };
    const { incident } = await made(`incident ${level}`, t.call('POST', '/v1/incidents', t.adminKey, body));
    const note = `note ${level} ${tag()}`;
    await made(`note ${level}`, t.call('POST', `/v1/incidents/${incident.id}/timeline`, t.adminKey, { text: note }));
    incidentIds.push(incident.id);
    keep(level, title, note);

    const alert = `alert ${level} ${tag()}`;
    await made(`alert ${level}`, t.call('POST', '/v1/alerts', t.adminKey, { kind: 'analyst', severity: 'info', title: alert, subject: { type: 'signal', id: 'fixture' }, dedupeKey: `fixture-${tag()}`, distribution: level }));
    keep(level, alert);
  }

  const self = { partner: t.node.selfPartner, keyId: null };
  const source = await t.node.store.monitor.addSource({ url: `https://source-${tag()}.example/board`, kind: 'html', reason: 'watched for the viewer fixture', label: 'perpetrator_content', intervalMs: 3_600_000, depth: 1, localTestSite: false }, self);
  hidden.push(source.url); // the allow-list is node-local: no partner learns what is watched
  const records = await t.node.store.getSignals(findTargets.map((s) => s.id));
  for (const target of findTargets) {
    const s = records.find((r) => r.id === target.id)!;
    const url = `https://media-${tag()}.example/find-${target.level}.jpg`;
    await t.node.monitor.recorder.record(source.id, url, [{ signalId: s.id, uid: s.uid, type: s.type, label: s.label, distance: 0, contributor: s.contributor, incidentId: s.incidentId ?? null }]);
    keep(target.hidden, url);
  }
  return { incidentIds, hiddenFromPartner: hidden, everything: [...hidden, ...shown] };
}
