import http from 'node:http';
import { quantile } from './quantile.js';

export interface OpenLoopResult {
  readonly offeredPerSecond: number;
  readonly answeredPerSecond: number;
  readonly sent: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly latencyMs: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number };
}

/**
 * An open-loop load: requests leave on a fixed schedule (`rate` per second, evenly
 * spaced), whether or not earlier ones were answered, and each latency is counted from
 * the moment its request was due, so a slow answer is never hidden by sending less
 * (no coordinated omission). autocannon's `overallRate` instead sends each second's quota
 * in a burst at the start of the second, which measures a burst, not a rate.
 */
export async function openLoop(url: string, headers: Record<string, string>, bodies: readonly string[], rate: number, seconds: number): Promise<OpenLoopResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const target = new URL(url);
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  let sent = 0;
  const send = (due: number, body: string) =>
    new Promise<void>((resolve) => {
      const req = http.request(
        { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - due);
            if (res.statusCode! < 200 || res.statusCode! >= 300) non2xx += 1;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.end(body);
    });
  while (sent < total) {
    const now = performance.now();
    // Everything due by now leaves now; the latency clock of each starts at its due time.
    while (sent < total && started + sent * interval <= now) {
      inFlight.push(send(started + sent * interval, bodies[sent % bodies.length]!));
      sent += 1;
    }
    await new Promise((r) => setTimeout(r, Math.max(0, Math.min(1, started + sent * interval - performance.now()))));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    offeredPerSecond: rate,
    answeredPerSecond: latencies.length / elapsed,
    sent,
    non2xx,
    errors,
    latencyMs: { p50: round(quantile(sorted, 0.5)), p90: round(quantile(sorted, 0.9)), p99: round(quantile(sorted, 0.99)), max: round(sorted[sorted.length - 1] ?? NaN) },
  };
}
