/**
 * bench coordination, incidents: five real nodes on loopback (SQLite, one process each),
 * node 1 partnered with nodes 2–5 both ways. Incidents are declared at node 1 at a steady
 * rate; for each, the time from the declaration being acknowledged until it is visible
 * (GET /v1/incidents) at each of the 4 others, and at all 4. The same run then shares as
 * many signals the routine way (added, confirmed, matchable at the others) for comparison.
 *
 * Partners long-poll each other's feeds and a commit wakes the long-poll at once
 * (src/exchange/feed/feed-notifier.ts), so neither path waits for an interval.
 */
import { addSignal, lookup, randomPdq, register, startFedNode, waitFor, type FedNode } from '../../src/testing/federation-nodes.js';
import { quantile } from '../quantile.js';

const TARGET_P99_MS = 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const CRITERIA = ['ongoing_attack', 'perpetrator_produced', 'depicts_killing', 'on_partner_services'].map((criterion) => ({ criterion, met: true, reason: 'benchmark declaration' }));

interface Stats { readonly p50Ms: number; readonly p99Ms: number; readonly maxMs: number; readonly minMs: number; readonly n: number }
const stats = (values: number[]): Stats => {
  const s = [...values].sort((a, b) => a - b);
  return { p50Ms: quantile(s, 0.5), p99Ms: quantile(s, 0.99), maxMs: s[s.length - 1]!, minMs: s[0]!, n: s.length };
};

/**
 * Publishes `count` items at `perSecond` with `publish` (resolving when acknowledged) while one
 * watcher per receiving node asks `seen` for every pending key every 10 ms. Returns per-node and
 * all-nodes latencies in ms.
 */
async function measure(others: FedNode[], count: number, perSecond: number, publish: (i: number) => Promise<string>, seen: (node: FedNode, pending: string[]) => Promise<string[]>): Promise<{ perNode: number[]; all: number[] }> {
  const acked = new Map<string, number>();
  const pending = others.map(() => new Set<string>());
  let publishing = true;
  const watchers = others.map(async (node, i) => {
    const seenAt = new Map<string, number>();
    while (publishing || pending[i]!.size > 0) {
      const keys = [...pending[i]!];
      if (keys.length > 0) {
        const found = await seen(node, keys);
        const now = performance.now();
        for (const k of found) {
          if (!pending[i]!.has(k)) continue;
          seenAt.set(k, now);
          pending[i]!.delete(k);
        }
      }
      await sleep(10);
    }
    return seenAt;
  });
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const wait = started + (i * 1000) / perSecond - performance.now();
    if (wait > 0) await sleep(wait);
    const key = await publish(i);
    acked.set(key, performance.now());
    for (const p of pending) p.add(key);
  }
  publishing = false;
  const seenAt = await Promise.all(watchers);
  const perNode: number[] = [];
  const all: number[] = [];
  for (const [key, at] of acked) {
    const lat = seenAt.map((s) => s.get(key)! - at);
    perNode.push(...lat);
    all.push(Math.max(...lat));
  }
  return { perNode, all };
}

/**
 * Priority (src/exchange/feed/feed-priority.ts): a partner is down while the source publishes
 * `events` routine signals and then declares an incident; from the partner's restart, the time
 * until the incident is visible there and until its cursor reaches the source's head.
 */
async function behindBacklog(source: FedNode, partner: FedNode, events: number): Promise<{ events: number; startupMs: number; incidentVisibleMs: number; caughtUpMs: number }> {
  await partner.proc.kill('SIGTERM');
  for (let done = 0; done < events; done += 1000) {
    const signals = Array.from({ length: Math.min(1000, events - done) }, () => ({ type: 'pdq', value: randomPdq(), label: 'perpetrator_content', reason: 'routine backlog', distribution: 'partners' }));
    const res = await source.proc.call('POST', `/v1/banks/${source.bankId}/signals`, source.key, { signals });
    if (res.status !== 201) throw new Error(JSON.stringify(res.json));
    // Routine signals leave the node once confirmed (four eyes).
    const ids = res.json.signals.map((x: { id: number }) => x.id);
    const c = await source.proc.call('POST', '/v1/signals/confirm', source.reviewerKeys[0]!, { ids });
    if (c.status !== 200) throw new Error(JSON.stringify(c.json));
  }
  const now = new Date().toISOString();
  const declared = await source.proc.call('POST', '/v1/incidents', source.key, { title: 'declared behind a backlog', tier: 'perpetrator_content', criteria: CRITERIA, eventAt: now, discoveredAt: now, distribution: 'partners' });
  const id = declared.json.incident.id as string;
  const started = performance.now();
  await partner.proc.restart();
  const startupMs = performance.now() - started;
  let incidentVisibleMs = 0;
  let caughtUpMs = 0;
  await waitFor(
    'the partner catches up',
    async () => {
      if (!incidentVisibleMs && (await partner.proc.call('GET', `/v1/incidents/${id}`, partner.key)).status === 200) incidentVisibleMs = performance.now() - started;
      const sync = ((await partner.proc.call('GET', '/v1/partners', partner.key)).json.partners as { id: string; sync?: { lastSeq: number; remoteHead: number } }[]).find((p) => p.id === source.id)?.sync;
      if (!caughtUpMs && sync && sync.lastSeq >= events && sync.lastSeq === sync.remoteHead) caughtUpMs = performance.now() - started;
      return incidentVisibleMs > 0 && caughtUpMs > 0;
    },
    600_000,
  );
  return { events, startupMs, incidentVisibleMs, caughtUpMs };
}

export async function runIncidentPropagation(options: { count?: number; rate?: number; backlog?: number } = {}): Promise<Record<string, unknown>> {
  const count = options.count ?? 100;
  const rate = options.rate ?? 10;
  console.log(`incident propagation: 5 nodes, ${count} incidents and ${count} signals at ${rate}/s from node 1`);
  const nodes = await Promise.all([1, 2, 3, 4, 5].map((i) => startFedNode(`Node ${i}`)));
  const [source, ...others] = nodes as [FedNode, ...FedNode[]];
  try {
    for (const other of others) {
      await register(source, other);
      await register(other, source);
    }
    const warm = randomPdq();
    await addSignal(source, warm);
    for (const o of others) await waitFor('warm-up signal everywhere', async () => (await lookup(o, warm)).length === 1, 30_000);

    const incidents = await measure(
      others,
      count,
      rate,
      async (i) => {
        const now = new Date().toISOString();
        const res = await source.proc.call('POST', '/v1/incidents', source.key, { title: `bench incident ${i}`, tier: 'perpetrator_content', criteria: CRITERIA, eventAt: now, discoveredAt: now, distribution: 'partners' });
        if (res.status !== 201) throw new Error(JSON.stringify(res.json));
        return res.json.incident.id as string;
      },
      async (node) => ((await node.proc.call('GET', '/v1/incidents?status=open', node.key)).json.incidents as { id: string }[]).map((x) => x.id),
    );
    const signals = await measure(
      others,
      count,
      rate,
      async () => {
        const value = randomPdq();
        await addSignal(source, value, 'partners'); // added and confirmed (four eyes): it leaves the node now
        return value;
      },
      async (node, values) => {
        const res = await node.proc.call('POST', '/v1/match', node.key, { signals: values.map((value) => ({ type: 'pdq', value })) });
        return (res.json.results as { query: { value: string }; matches: { distance: number }[] }[]).filter((r) => r.matches.some((m) => m.distance === 0)).map((r) => r.query.value);
      },
    );
    const backlog = await behindBacklog(source, others[others.length - 1]!, options.backlog ?? 20_000);
    const result = {
      backlog,
      bench: 'incident-propagation',
      options: { count, rate, nodes: 5 },
      targetP99Ms: TARGET_P99_MS,
      incidents: { perPartner: stats(incidents.perNode), allFour: stats(incidents.all) },
      signals: { perPartner: stats(signals.perNode), allFour: stats(signals.all) },
    };
    const line = (name: string, s: Stats) => `${name}: p50 ${s.p50Ms.toFixed(1)} ms, p99 ${s.p99Ms.toFixed(1)} ms, max ${s.maxMs.toFixed(1)} ms (n=${s.n})`;
    console.log(line('  incident visible at one partner', result.incidents.perPartner));
    console.log(line('  incident visible at all four   ', result.incidents.allFour));
    console.log(line('  signal matchable at one partner', result.signals.perPartner));
    console.log(line('  signal matchable at all four   ', result.signals.allFour));
    console.log(`  behind a backlog of ${backlog.events} routine events: partner process start-up ${backlog.startupMs.toFixed(0)} ms; incident visible ${backlog.incidentVisibleMs.toFixed(0)} ms after the restart began, caught up after ${backlog.caughtUpMs.toFixed(0)} ms (after start-up: ${(backlog.incidentVisibleMs - backlog.startupMs).toFixed(0)} vs ${(backlog.caughtUpMs - backlog.startupMs).toFixed(0)} ms)`);
    const ratio = result.incidents.allFour.p50Ms / result.signals.allFour.p50Ms;
    console.log(`  incident / signal p50 (all four): ${ratio.toFixed(2)}×; target incident p99 < ${TARGET_P99_MS} ms: ${result.incidents.allFour.p99Ms < TARGET_P99_MS ? 'met' : 'MISSED'}`);
    return { ...result, ratioP50IncidentToSignal: ratio, met: result.incidents.allFour.p99Ms < TARGET_P99_MS };
  } finally {
    await Promise.all(nodes.map((n) => n.proc.kill('SIGTERM')));
  }
}
