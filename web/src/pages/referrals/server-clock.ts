import { useEffect, useState } from 'react';

/**
 * The node's clock as seen from the browser. Legal deadlines (a removal order's hour, a
 * threat-to-life notice's acknowledgement) are the node's times; a browser whose clock is
 * wrong by minutes must still count down correctly. Each answer's HTTP `Date` header says
 * the node's time to the second: it lies in [D, D + 1 s) somewhere between sending the
 * request and reading the answer. So the offset (node time − this page's monotonic
 * clock) lies in [D − received, D + 1000 − sent]; intersecting several samples narrows it.
 * `performance.now()` is the page's monotonic clock: it does not jump when the browser's
 * wall clock is changed, and it is never compared with the node's time itself.
 *
 *   await syncServerClock();
 *   const left = Date.parse(referral.clock.dueAt) - serverNow();
 */
let low = -Infinity;
let high = Infinity;
let sampled = false;

/** Records one answer's `Date` header; `sent` and `received` are performance.now() around the request. */
export function noteServerDate(date: string | null, sent: number, received: number): void {
  const d = date ? Date.parse(date) : NaN;
  if (Number.isNaN(d)) return;
  const lo = d - received;
  const hi = d + 1000 - sent;
  // The node's clock moved (or the samples disagree): start again from this one.
  if (lo > high || hi < low) [low, high] = [lo, hi];
  else [low, high] = [Math.max(low, lo), Math.min(high, hi)];
  sampled = true;
  for (const l of listeners) l();
}

const listeners = new Set<() => void>();

/** The node's time now, in ms since the epoch; the browser's own until a sample arrived. */
export function serverNow(): number {
  return sampled ? performance.now() + (low + high) / 2 : Date.now();
}

/** How sure the estimate is, in ms either side (Infinity before any sample). */
export const serverClockUncertainty = (): number => (sampled ? (high - low) / 2 : Infinity);

let syncing: Promise<void> | null = null;
let lastSync = -Infinity;
const RESYNC_MS = 5 * 60_000;

/** Samples the node's clock a few times (GET /healthz, public and cheap); at most once per five minutes. */
export function syncServerClock(): Promise<void> {
  if (syncing) return syncing;
  if (performance.now() - lastSync < RESYNC_MS) return Promise.resolve();
  syncing = (async () => {
    for (let i = 0; i < 3; i++) {
      const sent = performance.now();
      try {
        const res = await fetch('/healthz', { cache: 'no-store', credentials: 'omit' });
        noteServerDate(res.headers.get('date'), sent, performance.now());
      } catch {
        return; // offline: keep what we have
      }
      // Spread the samples over the second boundary so the bounds tighten.
      if (i < 2) await new Promise((r) => setTimeout(r, 340));
    }
    lastSync = performance.now();
  })().finally(() => (syncing = null));
  return syncing;
}

/**
 * The node's time, re-rendering every second; null until the first answer from the node
 * says what its time is (a countdown from the browser's clock alone could be hours off).
 */
export function useServerNow(): number | null {
  const read = () => (sampled ? serverNow() : null);
  const [now, setNow] = useState(read);
  useEffect(() => {
    const tick = () => setNow(read());
    listeners.add(tick);
    void syncServerClock();
    const timer = setInterval(tick, 1000);
    return () => {
      listeners.delete(tick);
      clearInterval(timer);
    };
  }, []);
  return now;
}
