import type { Command } from 'commander';
import type { CliIo } from './cli-io.js';
import { ExitCode } from './exit-codes.js';
import { nodeApi, nodeApiOptions, type NodeApiOptions, type SetExit } from './node-api.js';
import { formatTable } from './table.js';

interface Summary {
  id: string;
  size: number;
  exampleSignalUid: string;
  incidents: string[];
  matches: { here: number; sightings: Record<string, number> };
  surge: { state: string; episodes: number; baselinePerBucket: number | null; seenBy: string[] };
}
interface Detail extends Summary {
  signals: { uid: string; type: string; label: string; contributor: string; incidentId: string | null; status: string; matchCount: number }[];
  hourly: { hour: string; node: string; count: number }[];
}

const sightingsText = (s: Record<string, number>) => Object.entries(s).map(([node, n]) => `${node}:${n}`).join(' ') || '-';

/** `concord cluster list|show`: early-warning clusters and their hourly sightings, through the node's API. */
export function registerClusterCommands(program: Command, io: CliIo, setExit: SetExit): void {
  const cluster = program.command('cluster').description('early-warning clusters: signals joined by near-matches or an incident, with sightings and surge state (docs/early-warning.md)');
  nodeApiOptions(cluster.command('list'))
    .description('list clusters, biggest first')
    .option('--min-size <n>', 'only clusters of at least this many signals', '2')
    .option('--surging', 'only clusters surging now', false)
    .option('--incident <id>', 'only clusters holding signals of this incident')
    .option('--signal <uid>', 'only the cluster holding this signal')
    .option('--hours <n>', 'sightings over this many past hours', '24')
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'one JSON line per cluster', false)
    .action(async (o: NodeApiOptions & { minSize: string; surging: boolean; incident?: string; signal?: string; hours: string; limit: string; json?: boolean }) => {
      const q = new URLSearchParams({ minSize: o.minSize, hours: o.hours, limit: o.limit, ...(o.surging ? { surging: 'true' } : {}), ...(o.incident ? { incident: o.incident } : {}), ...(o.signal ? { signal: o.signal } : {}) });
      const { clusters } = await nodeApi(o).call<{ clusters: Summary[] }>('GET', `/v1/clusters?${q}`);
      if (o.json) for (const c of clusters) io.out(JSON.stringify(c));
      else io.out(formatTable(['id', 'size', 'matches here', 'sightings', 'surge', 'incidents'], clusters.map((c) => [c.id, String(c.size), String(c.matches.here), sightingsText(c.matches.sightings), `${c.surge.state}${c.surge.episodes ? ` (${c.surge.episodes} episodes)` : ''}`, c.incidents.join(', ') || '-'])));
      setExit(ExitCode.OK);
    });
  nodeApiOptions(cluster.command('show'))
    .description('one cluster: its signals, incidents, surge state and hourly sightings per node')
    .argument('<id>', 'the cluster id (cluster:<uid>)')
    .option('--hours <n>', 'sightings over this many past hours', '24')
    .option('--json', 'print the cluster as JSON', false)
    .action(async (id: string, o: NodeApiOptions & { hours: string; json?: boolean }) => {
      const c = await nodeApi(o).call<Detail>('GET', `/v1/clusters/${encodeURIComponent(id)}?hours=${encodeURIComponent(o.hours)}`);
      if (o.json) return void (io.out(JSON.stringify(c)), setExit(ExitCode.OK));
      io.out(`${c.id}: ${c.size} signals · ${c.matches.here} matches here · surge ${c.surge.state}${c.surge.baselinePerBucket !== null ? ` (baseline ${c.surge.baselinePerBucket} per bucket)` : ''}${c.incidents.length ? ` · incidents ${c.incidents.join(', ')}` : ''}`);
      io.out(formatTable(['signal', 'type', 'label', 'contributor', 'status', 'matches', 'incident'], c.signals.map((s) => [s.uid, s.type, s.label, s.contributor, s.status, String(s.matchCount), s.incidentId ?? '-'])));
      io.out(c.hourly.length ? formatTable(['hour', 'node', 'matches'], c.hourly.map((h) => [h.hour, h.node, String(h.count)])) : 'no sightings in that window');
      setExit(ExitCode.OK);
    });
}
