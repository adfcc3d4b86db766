import { maySee, signalFilterFor, type Viewer } from '../../access/viewer.js';
import type { SignalRecord } from '../../domain/signal-record.js';
import type { KyselyStore } from '../../store/kysely-store.js';
import { signalToStix, type StixObjectJson } from '../stix/stix-export.js';
import type { TaxiiCursor } from './taxii-cursor.js';

/** One object of a collection, with the time its current version was added. */
export interface CollectionItem {
  readonly object: StixObjectJson;
  readonly dateAdded: string;
  readonly version: string;
}

export interface CollectionPage {
  readonly items: CollectionItem[];
  /** Where the next page starts; absent when this page is the last. */
  readonly next?: TaxiiCursor;
}

export interface PageQuery {
  readonly bankId: number;
  readonly viewer: Viewer;
  readonly nodeId: string;
  readonly limit: number;
  readonly addedAfter?: string;
  readonly after?: TaxiiCursor;
  /** `match[type]`: only these STIX object types. */
  readonly types?: readonly string[];
}

/**
 * A page of a bank's collection. Each signal gives one to two objects (signalToStix);
 * its current version was added when the signal last changed (updated_at), so a
 * retraction or a dispute re-serves the signal after `added_after`. Objects are numbered
 * within their signal before the type filter, so a cursor means the same under any filter.
 * Every signal passes maySee (for export) before any of its objects is served.
 */
export async function collectionPage(store: Pick<KyselyStore, 'signalsByChange'>, q: PageQuery): Promise<CollectionPage> {
  const items: CollectionItem[] = [];
  const filter = signalFilterFor(q.viewer, 'export')!;
  let from = q.after ? { updatedAt: q.after.updatedAt, id: q.after.id } : undefined;
  const batch = Math.min(q.limit + 1, 1000);
  for (;;) {
    const rows = await store.signalsByChange({ bankId: q.bankId, filter, from, addedAfter: q.addedAfter, limit: batch });
    for (const signal of rows) {
      if (!maySee(signal, q.viewer, 'export')) continue;
      const objects = signalToStix(signal, q.nodeId);
      const first = q.after && signal.id === q.after.id && signal.updatedAt === q.after.updatedAt ? q.after.part : 0;
      for (let part = first; part < objects.length; part++) {
        const object = objects[part]!;
        if (q.types && !q.types.includes(object.type)) continue;
        if (items.length === q.limit) return { items, next: { updatedAt: signal.updatedAt, id: signal.id, part } };
        items.push({ object, dateAdded: signal.updatedAt, version: versionOf(object, signal) });
      }
    }
    if (rows.length < batch) return { items };
    const last = rows[rows.length - 1]!;
    from = { updatedAt: last.updatedAt, id: last.id + 1 };
  }
}

/** An object's version: its `modified`; observables have none, so the signal's last change. */
const versionOf = (object: StixObjectJson, signal: SignalRecord): string => (typeof object.modified === 'string' ? object.modified : signal.updatedAt);
