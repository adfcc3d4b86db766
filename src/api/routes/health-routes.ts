import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ConcordError } from '../../errors/concord-error.js';
import { readSyncStatus } from '../../exchange/sync/sync-status.js';
import { systemClock } from '../../util/clock.js';
import type { ApiDeps } from '../api-deps.js';

/**
 * Liveness with a database check, and Prometheus metrics.
 *
 * `/healthz` answers 503 only when this process cannot serve (the database does not
 * answer). When it serves but something has stalled (no sync leader, a partner not
 * pulled for too long, this process's change-log follower or index behind) it answers
 * 200 with `status: "degraded"` and the reasons: matching still works, so a load
 * balancer must not take the node out, while monitoring alerts on the status.
 */
export async function healthRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  app.get('/healthz', { schema: { summary: 'Health: the database answers; degraded (still 200) with reasons when sync, the change log or the index stalls', tags: ['health'] } }, async () => {
    let latest: number;
    try {
      latest = await deps.store.latestChangeSeq();
    } catch (err) {
      throw err instanceof ConcordError ? err : new ConcordError('STORE_UNAVAILABLE');
    }
    const problems = [...followProblems(deps, latest)];
    if (deps.config.sync) {
      const sync = await readSyncStatus(deps.store, (deps.clock ?? systemClock).now(), deps.config.syncStallMs).catch(() => undefined);
      problems.push(...(sync?.problems ?? ['sync state could not be read']));
    }
    return { status: problems.length ? 'degraded' : 'ok', problems, store: deps.store.dialect, index: deps.index.sizes(), syncLeader: deps.election?.isLeader ?? false };
  });
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const token = deps.config.metricsToken;
    if (token !== undefined) {
      const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (given === undefined) throw new ConcordError('AUTH_MISSING', 'this node asks for its metrics token: send "Authorization: Bearer <metricsToken>"');
      if (!sameSecret(given, token)) throw new ConcordError('AUTH_INVALID', 'that is not this node\'s metrics token');
    }
    void reply.header('content-type', deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });
}

/** Change log: this process has stopped reading it. Index: it reads but does not catch up. */
function followProblems(deps: ApiDeps, latest: number): string[] {
  const state = deps.index.followState();
  if (state.lastPollAt === 0) return []; // not following the change log at all; nothing to stall
  const now = (deps.clock ?? systemClock).now();
  const limit = Math.max(5000, 25 * deps.config.changePollMs);
  const error = state.lastError ? `: ${state.lastError}` : '';
  if (now - state.lastPollAt > limit) return [`change log: this process last polled it ${Math.round((now - state.lastPollAt) / 1000)} s ago${error}`];
  if (state.cursor < latest && now - state.caughtUpAt > limit) {
    return [`index: ${latest - state.cursor} changes behind the change log; last caught up ${state.caughtUpAt ? `${Math.round((now - state.caughtUpAt) / 1000)} s ago` : 'never'}${error}`];
  }
  return [];
}

/** Compares digests, so neither the token's length nor its bytes leak through timing. */
function sameSecret(given: string, token: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(token));
}
