/**
 * bench federation: five real nodes on loopback, each in its own process on SQLite.
 * Node 1 is partnered with nodes 2–5 (both ways).
 *
 * 1. Propagation: 200 signals added at node 1 at a steady rate; for each, the time from
 *    the add being acknowledged until it is matchable at every other node (p50, p99, max).
 * 2. Catch-up: node 5 is stopped, node 1 publishes 100,000 events, node 5 restarts; events
 *    per second until its cursor reaches node 1's head.
 *
 *   npm run bench:federation -- --signals 200 --rate 20 --catchup 100000
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addSignal, lookup, partnerSync, randomPdq, register, startFedNode, waitFor, type FedNode } from '../src/testing/federation-nodes.js';
import { packageRoot } from '../src/util/package-root.js';
import { quantile } from './quantile.js';

const TARGETS = { propagationP99Ms: 1000, catchupEventsPerSecond: 5000 };

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function propagation(source: FedNode, others: FedNode[], count: number, perSecond: number): Promise<number[]> {
  const acked = new Map<string, number>();
  const pending = others.map(() => new Set<string>());
  const latencies: number[] = [];
  let adding = true;
  // One watcher per receiving node: asks for every pending value in one match request, every 10 ms.
  const watchers = others.map(async (node, i) => {
    const seenAt = new Map<string, number>();
    while (adding || pending[i]!.size > 0) {
      const values = [...pending[i]!];
      if (values.length > 0) {
        const res = await node.proc.call('POST', '/v1/match', node.key, { signals: values.map((value) => ({ type: 'pdq', value })) });
        const now = performance.now();
        res.json.results.forEach((r: { query: { value: string }; matches: { distance: number }[] }) => {
          if (r.matches.some((m) => m.distance === 0)) {
            seenAt.set(r.query.value, now);
            pending[i]!.delete(r.query.value);
          }
        });
      }
      await sleep(10);
    }
    return seenAt;
  });
  for (let n = 0; n < count; n += 1) {
    const started = performance.now();
    const value = randomPdq();
    await addSignal(source, value, 'partners');
    acked.set(value, performance.now());
    for (const p of pending) p.add(value);
    await sleep(Math.max(0, 1000 / perSecond - (performance.now() - started)));
  }
  adding = false;
  const seen = await Promise.all(watchers);
  for (const [value, at] of acked) latencies.push(Math.max(...seen.map((s) => s.get(value)! - at)));
  return latencies.sort((a, b) => a - b);
}

async function publish(source: FedNode, events: number): Promise<number> {
  const started = performance.now();
  for (let done = 0; done < events; done += 1000) {
    const signals = Array.from({ length: Math.min(1000, events - done) }, () => ({ type: 'pdq', value: randomPdq(), label: 'perpetrator_content', reason: 'variant of the attack video', distribution: 'partners' }));
    const res = await source.proc.call('POST', `/v1/banks/${source.bankId}/signals`, source.key, { signals });
    if (res.status !== 201) throw new Error(JSON.stringify(res.json));
  }
  return (performance.now() - started) / 1000;
}

async function main(): Promise<void> {
  const count = arg('signals', 200);
  const rate = arg('rate', 20);
  const catchup = arg('catchup', 100_000);
  console.log(`bench federation: 5 nodes, ${count} signals at ${rate}/s, catch-up of ${catchup} events`);
  const nodes = await Promise.all([1, 2, 3, 4, 5].map((i) => startFedNode(`Node ${i}`)));
  const [source, ...others] = nodes as [FedNode, ...FedNode[]];
  for (const other of others) {
    await register(source, other);
    await register(other, source);
  }
  try {
    const warm = randomPdq();
    await addSignal(source, warm);
    for (const o of others) await waitFor('warm-up signal everywhere', async () => (await lookup(o, warm)).length === 1, 30_000);

    const lat = await propagation(source, others, count, rate);
    const prop = { p50Ms: quantile(lat, 0.5), p99Ms: quantile(lat, 0.99), maxMs: lat[lat.length - 1]!, minMs: lat[0]! };
    console.log(`propagation to all 4 partners: p50 ${prop.p50Ms.toFixed(1)} ms, p99 ${prop.p99Ms.toFixed(1)} ms, max ${prop.maxMs.toFixed(1)} ms (min ${prop.minMs.toFixed(1)} ms)  target p99 < ${TARGETS.propagationP99Ms} ms: ${prop.p99Ms < TARGETS.propagationP99Ms ? 'met' : 'MISSED'}`);

    const returning = others[others.length - 1]!;
    const leftAt = (await partnerSync(returning, source.id))!.lastSeq;
    await returning.proc.kill('SIGTERM');
    const before = (await partnerSync(others[0]!, source.id))!.remoteHead;
    const publishSeconds = await publish(source, catchup);
    const restartAt = performance.now();
    await returning.proc.restart();
    const listening = performance.now();
    const startSeq = (await partnerSync(returning, source.id))!.lastSeq;
    let firstProgressAt = 0;
    let head = 0;
    await waitFor(
      'the returning node catches up',
      async () => {
        const s = (await partnerSync(returning, source.id))!;
        if (!firstProgressAt && s.lastSeq > startSeq) firstProgressAt = performance.now();
        head = s.remoteHead;
        return s.remoteHead >= before + catchup && s.lastSeq === s.remoteHead;
      },
      600_000,
    );
    const doneAt = performance.now();
    const missed = head - leftAt;
    const afterListening = head - startSeq;
    const cu = {
      events: missed,
      publishSeconds,
      publishEventsPerSecond: catchup / publishSeconds,
      secondsFromRestart: (doneAt - restartAt) / 1000,
      startupSeconds: (listening - restartAt) / 1000,
      // Events applied before the first status read count towards the start-up phase only.
      eventsPerSecondFromListening: afterListening / ((doneAt - listening) / 1000),
      eventsPerSecondFromRestart: missed / ((doneAt - restartAt) / 1000),
    };
    console.log(
      `catch-up: ${missed} missed events applied ${cu.secondsFromRestart.toFixed(2)} s after the restart began (process start-up ${cu.startupSeconds.toFixed(2)} s): ` +
        `${cu.eventsPerSecondFromRestart.toFixed(0)} events/s counting start-up, ${cu.eventsPerSecondFromListening.toFixed(0)}/s once listening.  target ≥ ${TARGETS.catchupEventsPerSecond}/s: ` +
        `${cu.eventsPerSecondFromRestart >= TARGETS.catchupEventsPerSecond ? 'met' : 'MISSED'} (ratio ${(cu.eventsPerSecondFromRestart / TARGETS.catchupEventsPerSecond).toFixed(2)}×)`,
    );
    console.log(`(publishing them at node 1 through the API: ${cu.publishEventsPerSecond.toFixed(0)} signals/s)`);
    const out = join(packageRoot(), 'bench', 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'federation.json'), JSON.stringify({ bench: 'federation', at: new Date().toISOString(), options: { count, rate, catchup }, targets: TARGETS, propagation: prop, latenciesMs: lat, catchup: cu }, null, 2));
    console.log('wrote bench/results/federation.json');
  } finally {
    await Promise.all(nodes.map((n) => n.proc.kill('SIGTERM')));
  }
}

await main();
