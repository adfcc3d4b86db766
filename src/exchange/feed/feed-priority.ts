/**
 * Event types that go ahead of routine events. A feed is one hash chain, so a page stays in
 * sequence order; but when a partner is behind (a page does not reach the head), the page
 * also carries, under `priority`, the events of these types that lie beyond it, each signed
 * on its own. The partner verifies each one (hash of its own fields, signature by the key in
 * force) and applies it with the page, through its received-body handler, which must be
 * idempotent by id: when the chain later reaches the same event, it is skipped. So an
 * incident declared behind a backlog of 100,000 routine signals reaches a catching-up
 * partner with the first page, not the last.
 *
 * Only plugged types (src/store/received-body-handlers.ts) may be listed: signal events
 * change index state in chain order and stay in it.
 */
export const PRIORITY_EVENT_TYPES: readonly string[] = ['incident.declared', 'incident.entry'];

/** At most this many priority events ride along with one page. */
export const PRIORITY_PER_PAGE = 200;
