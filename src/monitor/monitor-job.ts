import type { LeaderJobs } from '../node/leader/leader-jobs.js';
import type { Monitor } from './monitor.js';

/**
 * Runs the monitor's rounds in the one process of a node that holds the leader lease, so
 * two processes never fetch the same site twice. Rounds never overlap: a slow round delays
 * the next tick instead of running beside it.
 */
export async function registerMonitorJob(jobs: LeaderJobs, monitor: Monitor, tickMs: number, log: (fields: Record<string, unknown>, msg: string) => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    running = monitor
      .runDue()
      .then(
        () => undefined,
        (err: Error) => log({ err: err.message }, 'monitor round failed'),
      )
      .finally(() => {
        running = undefined;
      });
  };
  await jobs.register({
    name: 'source-monitor',
    start: () => {
      timer = setInterval(tick, tickMs);
      timer.unref();
      tick();
    },
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  });
}
