import { SELF_VIEWER } from '../access/viewer.js';
import { IncidentService, type IncidentDetail } from '../coordination/incidents/incident-service.js';
import { ConcordError } from '../errors/concord-error.js';
import { systemClock } from '../util/clock.js';
import type { NodeConfig } from '../config/node-config.js';
import type { KyselyStore } from '../store/kysely-store.js';
import type { CliIo } from './cli-io.js';
import { withNodeStore } from './cli-store.js';
import { ExitCode } from './exit-codes.js';
import type { ServeOptions } from './serve-command.js';
import { formatTable } from './table.js';

/*
 * `concord incident declare|list|show|note|join|conclude`, on the node's store directly as
 * the node itself (like `concord partner add`): the entries are signed into its feed and a
 * running node's partners pick them up on their next long-poll.
 */

type Opts = ServeOptions & { json?: boolean };

const service = (store: KyselyStore, config: NodeConfig) => new IncidentService(store.incidents, config.incidents, () => systemClock.now());

/** `--criterion ongoing_attack=yes:"police confirm a shooting"` → one checklist line. */
export function parseCriterion(text: string): { criterion: string; met: boolean; reason: string } {
  const m = /^([a-z_]+)=(yes|no|true|false)(?::(.*))?$/s.exec(text.trim());
  if (!m) throw new ConcordError('INCIDENT_CRITERION_INVALID', `--criterion "${text}": write name=yes:reason or name=no:reason`);
  return { criterion: m[1]!, met: m[2] === 'yes' || m[2] === 'true', reason: (m[3] ?? '').trim() };
}

function printDetail(io: CliIo, d: IncidentDetail, json?: boolean): void {
  if (json) return io.out(JSON.stringify(d));
  const i = d.incident;
  io.out(`${i.id}  ${i.title}\ntier ${i.tier} · ${i.status} · declared by ${i.declarer} at ${i.declaredAt} · distribution ${i.distribution}`);
  io.out(`event ${i.eventAt} · discovered ${i.discoveredAt}${i.leadProtocol ? ` · lead ${i.leadProtocol}` : ''}${i.externalRefs.length ? ` · refs ${i.externalRefs.map((r) => `${r.protocol}:${r.id}`).join(', ')}` : ''}`);
  for (const c of i.criteria) io.out(`  [${c.met ? 'x' : ' '}] ${c.criterion}: ${c.reason}`);
  io.out(formatTable(['event time', 'discovered', 'node', 'kind', 'text'], d.timeline.map((e) => [e.eventAt, e.discoveredAt, e.byNode, e.kind, e.text])));
  const b = d.debrief;
  io.out(`debrief: first signal shared ${b.firstSignalSharedAt ?? '-'}${b.declarationToFirstSignalSeconds !== null ? ` (+${b.declarationToFirstSignalSeconds} s)` : ''}; first matches: ${b.firstMatches.map((m) => `${m.node} +${m.afterDeclarationSeconds} s`).join(', ') || '-'}`);
}

export async function incidentDeclareCommand(
  io: CliIo,
  o: Opts & { title: string; tier: string; criterion: string[]; eventAt: string; discoveredAt?: string; distribution: string; external: string[]; lead?: string; bank: string[]; signal: string[] },
): Promise<ExitCode> {
  const criteria = o.criterion.map(parseCriterion);
  const externalRefs = o.external.map((x) => {
    const at = x.indexOf(':');
    if (at <= 0) throw new ConcordError('USAGE_INVALID', `--external "${x}": write protocol:id`);
    return { protocol: x.slice(0, at), id: x.slice(at + 1) };
  });
  return withNodeStore(o, async (store, self, { config }) => {
    const d = await service(store, config).declare(
      { title: o.title, tier: o.tier, criteria, eventAt: o.eventAt, discoveredAt: o.discoveredAt ?? new Date().toISOString(), bankIds: o.bank.map(Number), signalUids: o.signal, externalRefs, leadProtocol: o.lead ?? null, distribution: o.distribution },
      self,
    );
    printDetail(io, d, o.json);
    return ExitCode.OK;
  });
}

export async function incidentListCommand(io: CliIo, o: Opts & { status?: 'open' | 'concluded' }): Promise<ExitCode> {
  return withNodeStore(o, async (store, _self, { config }) => {
    const list = await service(store, config).list(SELF_VIEWER, { status: o.status });
    if (o.json) for (const i of list) io.out(JSON.stringify(i));
    else io.out(formatTable(['id', 'title', 'tier', 'status', 'declarer', 'declared'], list.map((i) => [i.id, i.title, i.tier, i.status, i.declarer, i.declaredAt])));
    return ExitCode.OK;
  });
}

export async function incidentShowCommand(io: CliIo, id: string, o: Opts): Promise<ExitCode> {
  return withNodeStore(o, async (store, _self, { config }) => {
    printDetail(io, await service(store, config).detail(SELF_VIEWER, id), o.json);
    return ExitCode.OK;
  });
}

export async function incidentNoteCommand(io: CliIo, id: string, o: Opts & { text: string; kind: string; eventAt?: string }): Promise<ExitCode> {
  if (o.kind !== 'note' && o.kind !== 'action' && o.kind !== 'variant') throw new ConcordError('USAGE_INVALID', `--kind ${o.kind}: note, action or variant`);
  return withNodeStore(o, async (store, self, { config }) => {
    const e = await service(store, config).note(id, { kind: o.kind as 'note' | 'action' | 'variant', text: o.text, eventAt: o.eventAt }, self);
    io.out(o.json ? JSON.stringify(e) : `${e.kind} ${e.id} added to incident ${id} (${e.byNode} #${e.nodeSeq})`);
    return ExitCode.OK;
  });
}

export async function incidentJoinCommand(io: CliIo, id: string, o: Opts & { text: string }): Promise<ExitCode> {
  return withNodeStore(o, async (store, self, { config }) => {
    const e = await service(store, config).join(id, o.text, self);
    io.out(o.json ? JSON.stringify(e) : `joined incident ${id}`);
    return ExitCode.OK;
  });
}

export async function incidentConcludeCommand(io: CliIo, id: string, o: Opts & { text: string }): Promise<ExitCode> {
  return withNodeStore(o, async (store, self, { config }) => {
    printDetail(io, await service(store, config).conclude(id, o.text, self), o.json);
    return ExitCode.OK;
  });
}
