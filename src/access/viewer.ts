import type { SignalRecord } from '../domain/signal-record.js';
import { mayLeaveTowards } from '../exchange/distribution.js';
import type { LevelFilter } from '../store/store-exchange.js';

/**
 * Who is reading. Every read and every ownership check takes one of these, so "who may
 * see this" is decided in one place (this file) for the API, the exchange formats and the feed.
 *
 * - `self`: an API key of this node's own organisation.
 * - `partner-key`: an API key issued here to a partner organisation (key.partnerId ≠ this node).
 * - `partner-node`: a partner's node, by a request signed with its node key (the feed).
 *
 * @example
 *   maySee(signal, { kind: 'partner-key', partnerId: 'p-eu', sharingGroups: ['eu'] });   // false for a local signal
 */
export type Viewer =
  | { readonly kind: 'self' }
  | { readonly kind: 'partner-key' | 'partner-node'; readonly partnerId: string; readonly sharingGroups: readonly string[] };

export const SELF_VIEWER: Viewer = Object.freeze({ kind: 'self' });

/**
 * What the reading is for. `read`: the node's own API, where its own keys see everything
 * (they curate it). `export`: an exchange format (TAXII, hash lists), where a `local`
 * signal never leaves, not even towards the node's own export tools.
 */
export type ReadPurpose = 'read' | 'export';

/** What the rule needs of a signal (a feed event knows no contributor, only its audience). */
export type Shareable = Pick<SignalRecord, 'distribution'> & Partial<Pick<SignalRecord, 'contributor' | 'receivedFrom' | 'confirmedAt'>>;

/**
 * Four eyes: a signal nobody but its adder has confirmed does not leave the node. A feed
 * event carries no confirmation because only confirmed signals are published.
 */
const unconfirmed = (signal: Shareable): boolean => signal.confirmedAt === null;

/**
 * The one visibility rule. A partner sees what the feed would send it (mayLeaveTowards,
 * once confirmed) and, besides, whatever it contributed or sent us itself: received
 * signals are stored one hop less shareable, often `local`, yet the partner they came from
 * knows them already.
 */
export function maySee(signal: Shareable, viewer: Viewer, purpose: ReadPurpose = 'read'): boolean {
  if (viewer.kind === 'self') return purpose === 'read' || (!unconfirmed(signal) && mayLeaveTowards(signal.distribution, { isSelf: true, sharingGroups: [] }));
  return (
    (!unconfirmed(signal) && mayLeaveTowards(signal.distribution, { isSelf: false, sharingGroups: viewer.sharingGroups })) ||
    (signal.contributor !== undefined && signal.contributor === viewer.partnerId) ||
    (signal.receivedFrom != null && signal.receivedFrom === viewer.partnerId)
  );
}

/**
 * The SQL prefilter for maySee, or undefined when it allows everything. Never wider than
 * maySee, which callers still apply to every row.
 */
export function signalFilterFor(viewer: Viewer, purpose: ReadPurpose = 'read'): LevelFilter | undefined {
  if (viewer.kind === 'self') return purpose === 'read' ? undefined : { levels: ['partners', 'network'], anyGroup: true };
  return { levels: ['partners', 'network', ...viewer.sharingGroups.map((g) => `group:${g}`)], anyGroup: false, partner: viewer.partnerId };
}

/** The partner behind a viewer, or undefined for the node itself. */
export const partnerOf = (viewer: Viewer): string | undefined => (viewer.kind === 'self' ? undefined : viewer.partnerId);
