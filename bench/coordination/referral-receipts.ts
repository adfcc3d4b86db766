/**
 * bench coordination, referral part: two real nodes on 127.0.0.1, each in its own process
 * on SQLite, partnered both ways. Node A sends removal orders to node B at a steady rate;
 * for each, the time from A acknowledging the POST until A holds B's signed receipt (a
 * round trip: A's feed to B, B's receipt on B's feed back to A). Side by side in the same
 * run, the existing one-way path: a signal added at A until it is matchable at B.
 *
 * Called by `bench coordination` (bench/bench-coordination.ts):
 *   import { runReferralReceipts } from './coordination/referral-receipts.js';
 *   const referrals = await runReferralReceipts(); // JSON-serialisable figures
 * or alone: `node dist/bench/coordination/referral-receipts.js --referrals 200 --rate 10`.
 */
import { pathToFileURL } from 'node:url';
import { addSignal, lookup, randomPdq, register, startFedNode, waitFor, type FedNode } from '../../src/testing/federation-nodes.js';
import { quantile } from '../quantile.js';

const TARGET_P99_MS = 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function order(to: string, n: number): Record<string, unknown> {
  return {
    to,
    kind: 'removal_order',
    content: { urls: [`https://video.example/watch?v=bench-${n}-${randomPdq().slice(0, 8)}`] },
    label: 'perpetrator_content',
    grounds: ['incites'],
    legalBasis: 'Art. 3 Regulation (EU) 2021/784',
    statementOfReasons: 'Livestream of the attack by its perpetrator.',
    redress: 'Appeal to the issuing authority within 30 days.',
    order: { issuingAuthority: 'Bench unit', reference: `B-${n}`, memberState: 'FR', issuedAt: new Date().toISOString(), contactPoint: 'bench desk' },
  };
}

/** Where a receipt's time went, per referral (wall-clock ms; both nodes run on this machine, one clock). */
interface Hops {
  /** A's commit of the referral (sent_at) → B's receipt (received_at, B's clock): A's feed to B. */
  toReceiver: number;
  /** B's receipt → A applying it (the receipt event's recordedAt, A's clock): B's feed back to A. */
  backToSender: number;
  /** A applying it → the bench seeing it through A's API (the harness's own polling delay). */
  seenBy: number;
}

/** Sends `count` referrals at `perSecond`; returns each one's ms from acknowledgement to receipt, ascending, and where the time went. */
async function receipts(A: FedNode, B: FedNode, count: number, perSecond: number): Promise<{ sorted: number[]; hops: Hops[] }> {
  const acked = new Map<string, number>();
  const seenWall = new Map<string, number>();
  const seen = new Map<string, number>();
  let sending = true;
  // The watcher asks A only for its referrals still waiting for a receipt (a short list), so
  // the measurement adds little load to A: one acknowledged before the list was asked for and
  // missing from it holds its receipt. (Listing every received referral every 5 ms, as an
  // earlier version did, kept A's event loop busy serialising a growing list.)
  const watcher = (async () => {
    while (sending || seen.size < acked.size) {
      const asked = performance.now();
      const res = await A.proc.call('GET', '/v1/referrals?direction=out&status=sent&limit=1000', A.key);
      const now = performance.now();
      const waiting = new Set((res.json.referrals as { id: string }[]).map((r) => r.id));
      for (const [id, at] of acked) {
        if (at < asked && !waiting.has(id) && !seen.has(id)) {
          seen.set(id, now);
          seenWall.set(id, Date.now());
        }
      }
      await sleep(5);
    }
  })();
  for (let n = 0; n < count; n += 1) {
    const started = performance.now();
    const res = await A.proc.call('POST', '/v1/referrals', A.key, order(B.id, n));
    if (res.status !== 201) throw new Error(`referral ${n}: ${JSON.stringify(res.json)}`);
    acked.set(res.json.id, performance.now());
    await sleep(Math.max(0, 1000 / perSecond - (performance.now() - started)));
  }
  sending = false;
  await Promise.race([watcher, sleep(60_000).then(() => Promise.reject(new Error(`receipts missing after 60 s: ${acked.size - seen.size}`)))]);
  const hops: Hops[] = [];
  for (const id of acked.keys()) {
    const one = (await A.proc.call('GET', `/v1/referrals/${id}`, A.key)).json as { sentAt: string; history: { type: string; details: { receivedAt?: string; recordedAt?: string } }[] };
    const receipt = one.history.find((e) => e.type === 'receipt')?.details;
    if (!receipt?.receivedAt || !receipt.recordedAt) continue;
    const [sent, received, recorded] = [one.sentAt, receipt.receivedAt, receipt.recordedAt].map((t) => Date.parse(t));
    hops.push({ toReceiver: received! - sent!, backToSender: recorded! - received!, seenBy: seenWall.get(id)! - recorded! });
  }
  return { sorted: [...acked].map(([id, at]) => seen.get(id)! - at).sort((a, b) => a - b), hops };
}

const hopFigures = (hops: readonly Hops[]) =>
  Object.fromEntries((['toReceiver', 'backToSender', 'seenBy'] as const).map((k) => [k, figures(hops.map((h) => h[k]).sort((a, b) => a - b))]));

/** One-way: a signal added at A until B matches it, the same number at the same rate. */
async function signals(A: FedNode, B: FedNode, count: number, perSecond: number): Promise<number[]> {
  const out: number[] = [];
  for (let n = 0; n < count; n += 1) {
    const started = performance.now();
    const value = randomPdq();
    await addSignal(A, value, 'partners');
    const acked = performance.now();
    await waitFor('the signal at B', async () => (await lookup(B, value)).length > 0, 30_000);
    out.push(performance.now() - acked);
    await sleep(Math.max(0, 1000 / perSecond - (performance.now() - started)));
  }
  return out.sort((a, b) => a - b);
}

const figures = (sorted: number[]) => ({ n: sorted.length, p50Ms: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99), minMs: sorted[0] ?? NaN, maxMs: sorted[sorted.length - 1] ?? NaN });

export async function runReferralReceipts(options: { referrals?: number; rate?: number } = {}): Promise<Record<string, unknown>> {
  const count = Math.max(100, options.referrals ?? 200);
  const rate = options.rate ?? 10;
  const [A, B] = await Promise.all([startFedNode('Referral A'), startFedNode('Referral B')]);
  try {
    await register(A, B);
    await register(B, A);
    // Warm-up: one of each, so both pullers are in their long poll.
    await receipts(A, B, 1, rate);
    await signals(A, B, 1, rate);
    const measured = await receipts(A, B, count, rate);
    const referral = figures(measured.sorted);
    const hops = hopFigures(measured.hops);
    const signal = figures(await signals(A, B, Math.min(count, 100), rate));
    const result = {
      bench: 'coordination.referral-receipts',
      at: new Date().toISOString(),
      options: { referrals: count, perSecond: rate, nodes: 2, store: 'sqlite', processes: 'one per node' },
      target: { p99Ms: TARGET_P99_MS, met: referral.p99Ms < TARGET_P99_MS },
      referralReceipt: referral,
      /** Where the time went (node clocks, ms resolution): A's feed to B, B's feed back to A, the bench's polling. */
      hops,
      signalOneWay: signal,
      ratioReceiptToOneWayP50: referral.p50Ms / signal.p50Ms,
    };
    console.log(
      `referral → signed receipt at the sender (round trip), ${count} at ${rate}/s: p50 ${referral.p50Ms.toFixed(1)} ms, p99 ${referral.p99Ms.toFixed(1)} ms, max ${referral.maxMs.toFixed(1)} ms  ` +
        `target p99 < ${TARGET_P99_MS} ms: ${result.target.met ? 'met' : 'MISSED'}`,
    );
    const hop = (name: string, f: ReturnType<typeof figures>) => `${name} p50 ${f.p50Ms.toFixed(0)} ms, p99 ${f.p99Ms.toFixed(0)} ms`;
    console.log(`  where it went: ${hop('A→B (sent → receipt)', hops.toReceiver!)}; ${hop('B→A (receipt → applied at A)', hops.backToSender!)}; ${hop('applied → seen by the bench', hops.seenBy!)}`);
    console.log(`signal one way (same nodes, same rate), ${signal.n}: p50 ${signal.p50Ms.toFixed(1)} ms, p99 ${signal.p99Ms.toFixed(1)} ms; receipt/one-way p50 ratio ${result.ratioReceiptToOneWayP50.toFixed(2)}×`);
    const syncErrors = [A, B].map((n) => n.proc.output.split('\n').filter((l) => l.includes('sync error')).length);
    if (syncErrors.some((e) => e > 0)) console.log(`sync errors logged during the run: A ${syncErrors[0]}, B ${syncErrors[1]}`, [A, B].map((n) => n.proc.output.split('\n').filter((l) => l.includes('sync error')).slice(0, 3)));
    return { ...result, syncErrors };
  } finally {
    await Promise.all([A, B].map((n) => n.proc.kill('SIGTERM')));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await runReferralReceipts({ referrals: arg('referrals', 200), rate: arg('rate', 10) });
  console.log(JSON.stringify(result));
}
