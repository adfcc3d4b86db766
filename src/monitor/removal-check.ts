import { ContentSource, type MediaPorts } from '../signals/content-source.js';
import type { SignalRegistry } from '../signals/signal-registry.js';
import type { MonitorConfig } from '../config/node-config.js';
import type { KyselyStore } from '../store/kysely-store.js';
import type { Clock } from '../util/clock.js';
import { hashMedia, hashText, hashUrl } from './content-hashing.js';
import type { Find } from './find.js';
import type { FindRecorder } from './find-recorder.js';
import { htmlParts } from './html-links.js';
import { emptyTimings } from './phase-timings.js';
import type { PoliteFetcher } from './polite-fetcher.js';

export type RecheckOutcome = 'present' | 'removed' | 'unknown';

export interface RemovalCheckDeps {
  readonly store: Pick<KyselyStore, 'monitor'>;
  readonly registry: SignalRegistry;
  readonly media: MediaPorts;
  readonly fetcher: PoliteFetcher;
  readonly recorder: FindRecorder;
  readonly clock: Clock;
  readonly config: MonitorConfig;
}

/**
 * Removal tracking: a find's URL is fetched again until its content is gone. Gone is a
 * 404 or 410, or an answer none of the find's signals match any more; an unchanged
 * answer (304) or a match keeps it open; any other failure tells nothing and the find is
 * tried again at its next check. Removal time is stored, for removalStats().
 */
export async function recheckFind(deps: RemovalCheckDeps, find: Find): Promise<RecheckOutcome> {
  const next = new Date(deps.clock.now() + deps.config.removalCheckMs).toISOString();
  const source = await deps.store.monitor.getSource(find.sourceId, { includeRemoved: true });
  const cached = await deps.store.monitor.getPage(find.url);
  // A re-check stays where the find was seen: its own host and the source's.
  const hosts = new Set([new URL(find.url).host, ...(source ? [new URL(source.url).host] : [])]);
  let result;
  try {
    result = await deps.fetcher.fetch({ url: find.url, localTestSite: source?.localTestSite ?? false, maxBytes: Math.max(deps.config.maxMediaBytes, deps.config.maxPageBytes), etag: cached?.etag ?? null, lastModified: cached?.lastModified ?? null, scope: (u) => hosts.has(u.host) });
  } catch {
    // Unreachable, refused, too large: none of it says the content is gone.
    await deps.store.monitor.postponeFind(find.id, next);
    return 'unknown';
  }
  if (result.kind === 'status') {
    await deps.store.monitor.forgetPage(find.url);
    if (result.status === 404 || result.status === 410) return removed(deps, find, 'gone');
    await deps.store.monitor.postponeFind(find.id, next);
    return 'unknown';
  }
  if (result.kind === 'not_modified') {
    await deps.store.monitor.touchFind(find.id, next);
    return 'present';
  }
  const timings = emptyTimings();
  const content = new ContentSource(result.body, deps.media);
  const body = content.contentType === 'text' ? await hashText(deps.registry, deps.media, htmlParts(content.text(), find.url).text, timings) : await hashMedia(deps.registry, deps.media, content, timings);
  const url = await hashUrl(deps.registry, deps.media, find.url, timings);
  const [matched] = await deps.recorder.matchGroups([[...body.signals, ...url.signals]], timings);
  const wanted = new Set(find.signals.map((s) => s.signalId));
  await deps.store.monitor.putPage({ url: find.url, etag: result.etag, lastModified: result.lastModified, links: cached?.links ?? [], checkedAt: new Date(deps.clock.now()).toISOString() });
  if (!matched!.some((s) => wanted.has(s.signalId))) return removed(deps, find, 'no_longer_matches');
  await deps.store.monitor.touchFind(find.id, next);
  return 'present';
}

async function removed(deps: RemovalCheckDeps, find: Find, removal: 'gone' | 'no_longer_matches'): Promise<RecheckOutcome> {
  const done = await deps.store.monitor.markRemoved(find.id, removal);
  if (done) await deps.recorder.raiseRemoved(done);
  return 'removed';
}
