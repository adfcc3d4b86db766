import type { Selectable } from 'kysely';
import { incidentOfSignals, type Find, type FindSignal } from '../../monitor/find.js';
import type { NewSource, Source, SourceKind } from '../../monitor/source.js';
import type { Label } from '../../taxonomy/labels.js';
import type { Database } from '../database-schema.js';
import { appendAudit } from '../store-audit.js';
import type { Actor } from '../store.js';
import type { KyselyContext } from './kysely-context.js';

/** A link a page led to, and how it is to be read. */
export interface PageLink {
  readonly url: string;
  /** `page`: parsed for more links while depth remains; `media`: hashed only. */
  readonly as: 'page' | 'media';
}

/** What a URL answered last: validators for the next conditional request, and the links a page held. */
export interface PageRecord {
  readonly url: string;
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly links: readonly PageLink[];
  readonly checkedAt: string;
}

const toSource = (r: Selectable<Database['monitor_sources']>): Source => ({
  id: Number(r.id),
  url: r.url,
  kind: r.kind as SourceKind,
  reason: r.reason,
  label: r.label as Label,
  intervalMs: Number(r.interval_ms),
  depth: Number(r.depth),
  localTestSite: Number(r.local_test_site) === 1,
  createdAt: r.created_at,
  nextCheckAt: r.next_check_at,
  lastCheckedAt: r.last_checked_at,
  lastError: r.last_error,
});

const toFind = (r: Selectable<Database['monitor_finds']>): Find => {
  // Finds recorded before signals carried incident ids have none on their signals.
  const signals = (JSON.parse(r.signals) as FindSignal[]).map((s) => ({ ...s, incidentId: s.incidentId ?? null }));
  return {
  id: Number(r.id),
  sourceId: Number(r.source_id),
  url: r.url,
  signals,
  contentSha256: r.content_sha256,
  firstSeenAt: r.first_seen_at,
  lastSeenAt: r.last_seen_at,
  removedAt: r.removed_at,
  removal: r.removal as Find['removal'],
  nextCheckAt: r.next_check_at,
  incidentId: incidentOfSignals(signals),
  };
};

/**
 * The monitor's state: the allow-list of sources (audited: adding or removing one is a
 * decision someone answers for), what each URL answered last, and finds.
 */
export class KyselyMonitor {
  constructor(private readonly ctx: KyselyContext) {}

  addSource(input: Required<NewSource>, actor: Actor): Promise<Source> {
    return this.ctx.tx(async (trx) => {
      const at = this.ctx.now();
      const row = await trx
        .insertInto('monitor_sources')
        .values({ url: input.url, kind: input.kind, reason: input.reason, label: input.label, interval_ms: input.intervalMs, depth: input.depth, local_test_site: input.localTestSite ? 1 : 0, created_at: at, removed_at: null, next_check_at: at, last_checked_at: null, last_error: null })
        .returningAll()
        .executeTakeFirstOrThrow();
      const source = toSource(row);
      await appendAudit(trx, this.ctx.dialect, actor, at, [
        { action: 'source.add', subjectType: 'source', subjectId: source.id, details: { url: source.url, kind: source.kind, label: source.label, reason: source.reason, depth: source.depth, localTestSite: source.localTestSite } },
      ]);
      return source;
    });
  }

  /** Stops watching a source; its finds stay (they feed removal statistics and the record of what was seen). */
  removeSource(id: number, actor: Actor): Promise<Source | undefined> {
    return this.ctx.tx(async (trx) => {
      const at = this.ctx.now();
      const row = await trx.updateTable('monitor_sources').set({ removed_at: at }).where('id', '=', id).where('removed_at', 'is', null).returningAll().executeTakeFirst();
      if (!row) return undefined;
      await appendAudit(trx, this.ctx.dialect, actor, at, [{ action: 'source.remove', subjectType: 'source', subjectId: id, details: { url: row.url } }]);
      return toSource(row);
    });
  }

  /** A source on the allow-list; with `includeRemoved`, also one no longer watched (its finds are still re-checked). */
  getSource(id: number, o: { includeRemoved?: boolean } = {}): Promise<Source | undefined> {
    return this.ctx.run(async () => {
      let q = this.ctx.db.selectFrom('monitor_sources').selectAll().where('id', '=', id);
      if (!o.includeRemoved) q = q.where('removed_at', 'is', null);
      const row = await q.executeTakeFirst();
      return row && toSource(row);
    });
  }

  listSources(): Promise<Source[]> {
    return this.ctx.run(async () => (await this.ctx.db.selectFrom('monitor_sources').selectAll().where('removed_at', 'is', null).orderBy('id').execute()).map(toSource));
  }

  dueSources(now: string, limit: number): Promise<Source[]> {
    return this.ctx.run(async () =>
      (await this.ctx.db.selectFrom('monitor_sources').selectAll().where('removed_at', 'is', null).where('next_check_at', '<=', now).orderBy('next_check_at').limit(limit).execute()).map(toSource),
    );
  }

  markChecked(id: number, at: string, nextCheckAt: string, error: string | null): Promise<void> {
    return this.ctx.run(async () => {
      await this.ctx.db.updateTable('monitor_sources').set({ last_checked_at: at, next_check_at: nextCheckAt, last_error: error }).where('id', '=', id).execute();
    });
  }

  getPage(url: string): Promise<PageRecord | undefined> {
    return this.ctx.run(async () => {
      const r = await this.ctx.db.selectFrom('monitor_pages').selectAll().where('url', '=', url).executeTakeFirst();
      return r && { url: r.url, etag: r.etag, lastModified: r.last_modified, links: JSON.parse(r.links) as PageLink[], checkedAt: r.checked_at };
    });
  }

  putPage(page: PageRecord): Promise<void> {
    const values = { etag: page.etag, last_modified: page.lastModified, links: JSON.stringify(page.links), checked_at: page.checkedAt };
    return this.ctx.run(async () => {
      await this.ctx.db.insertInto('monitor_pages').values({ url: page.url, ...values }).onConflict((oc) => oc.column('url').doUpdateSet(values)).execute();
    });
  }

  /** Forgets what a URL answered: after an error, the next answer must come whole, not as a 304 against older content. */
  forgetPage(url: string): Promise<void> {
    return this.ctx.run(async () => {
      await this.ctx.db.deleteFrom('monitor_pages').where('url', '=', url).execute();
    });
  }

  /**
   * Records that matched content was seen at a URL: a new find, or the open find there seen
   * again (its signals brought up to date). A find that was removed and comes back is a new find.
   */
  recordFind(input: { sourceId: number; url: string; signals: readonly FindSignal[]; contentSha256: string | null; nextCheckAt: string }): Promise<{ find: Find; isNew: boolean }> {
    return this.ctx.tx(async (trx) => {
      const at = this.ctx.now();
      const open = await trx.selectFrom('monitor_finds').selectAll().where('source_id', '=', input.sourceId).where('url', '=', input.url).executeTakeFirst();
      const fields = { signals: JSON.stringify(input.signals), content_sha256: input.contentSha256, last_seen_at: at, next_check_at: input.nextCheckAt };
      if (open && open.removed_at === null) {
        const row = await trx.updateTable('monitor_finds').set(fields).where('id', '=', open.id).returningAll().executeTakeFirstOrThrow();
        return { find: toFind(row), isNew: false };
      }
      // The unique (source, url) pair keeps one row: content back after removal starts it afresh.
      if (open) await trx.deleteFrom('monitor_finds').where('id', '=', open.id).execute();
      const row = await trx
        .insertInto('monitor_finds')
        .values({ source_id: input.sourceId, url: input.url, ...fields, first_seen_at: at, removed_at: null, removal: null })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { find: toFind(row), isNew: true };
    });
  }

  /** Open finds seen again unchanged in one check (304s), in one statement: only their times move. */
  touchFinds(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return Promise.resolve();
    return this.ctx.run(async () => {
      const at = this.ctx.now();
      for (let i = 0; i < ids.length; i += 500) await this.ctx.db.updateTable('monitor_finds').set({ last_seen_at: at }).where('id', 'in', ids.slice(i, i + 500)).where('removed_at', 'is', null).execute();
    });
  }

  /** The open finds of a source, for a check to look up by URL without a query per URL. */
  openFindsOf(sourceId: number): Promise<Find[]> {
    return this.ctx.run(async () => (await this.ctx.db.selectFrom('monitor_finds').selectAll().where('source_id', '=', sourceId).where('removed_at', 'is', null).execute()).map(toFind));
  }

  /** The open find at a URL, seen again unchanged (a 304): only its times move. */
  touchFind(id: number, nextCheckAt: string): Promise<void> {
    return this.ctx.run(async () => {
      await this.ctx.db.updateTable('monitor_finds').set({ last_seen_at: this.ctx.now(), next_check_at: nextCheckAt }).where('id', '=', id).where('removed_at', 'is', null).execute();
    });
  }

  /** A re-check that could not tell (the site failed): try again later, the find stays open. */
  postponeFind(id: number, nextCheckAt: string): Promise<void> {
    return this.ctx.run(async () => {
      await this.ctx.db.updateTable('monitor_finds').set({ next_check_at: nextCheckAt }).where('id', '=', id).execute();
    });
  }

  markRemoved(id: number, removal: 'gone' | 'no_longer_matches'): Promise<Find | undefined> {
    return this.ctx.run(async () => {
      const row = await this.ctx.db.updateTable('monitor_finds').set({ removed_at: this.ctx.now(), removal }).where('id', '=', id).where('removed_at', 'is', null).returningAll().executeTakeFirst();
      return row && toFind(row);
    });
  }

  openFindsAt(url: string): Promise<Find[]> {
    return this.ctx.run(async () => (await this.ctx.db.selectFrom('monitor_finds').selectAll().where('url', '=', url).where('removed_at', 'is', null).execute()).map(toFind));
  }

  dueFinds(now: string, limit: number): Promise<Find[]> {
    return this.ctx.run(async () =>
      (await this.ctx.db.selectFrom('monitor_finds').selectAll().where('removed_at', 'is', null).where('next_check_at', '<=', now).orderBy('next_check_at').limit(limit).execute()).map(toFind),
    );
  }

  getFind(id: number): Promise<Find | undefined> {
    return this.ctx.run(async () => {
      const row = await this.ctx.db.selectFrom('monitor_finds').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toFind(row);
    });
  }

  /** A page of finds, newest first by id. */
  listFinds(q: { limit: number; beforeId?: number; sourceId?: number; open?: boolean }): Promise<Find[]> {
    return this.ctx.run(async () => {
      let query = this.ctx.db.selectFrom('monitor_finds').selectAll();
      if (q.beforeId !== undefined) query = query.where('id', '<', q.beforeId);
      if (q.sourceId !== undefined) query = query.where('source_id', '=', q.sourceId);
      if (q.open !== undefined) query = query.where('removed_at', q.open ? 'is' : 'is not', null);
      return (await query.orderBy('id', 'desc').limit(q.limit).execute()).map(toFind);
    });
  }

  /** Finds first seen in [from, to): what removal statistics count. */
  findsFirstSeenBetween(from: string, to: string): Promise<Find[]> {
    return this.ctx.run(async () =>
      (await this.ctx.db.selectFrom('monitor_finds').selectAll().where('first_seen_at', '>=', from).where('first_seen_at', '<', to).orderBy('id').execute()).map(toFind),
    );
  }
}
