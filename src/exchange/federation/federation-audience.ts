import { isConfirmed } from '../../domain/four-eyes.js';
import type { SignalRecord } from '../../domain/signal-record.js';
import type { KnownBody, PendingEvent, SharedSignal } from '../feed/feed-body.js';

/*
 * Who hears about a signal's changes. These are federation rules, kept out of the store:
 * the store only appends what they return to its feed.
 */

/** A signal as the feed shares it. `origin` is this node for its own signals. */
export function sharedSignal(s: SignalRecord, bank: string, selfNode: string, distribution: string = s.distribution): SharedSignal {
  return {
    uid: s.uid,
    origin: s.origin ?? selfNode,
    bank,
    type: s.type,
    value: s.value,
    label: s.label,
    reason: s.reason,
    contributor: s.contributor,
    distribution,
    status: s.status,
    createdAt: s.createdAt,
    ...(s.incidentId ? { incident: s.incidentId } : {}),
  };
}

/**
 * Events about an existing signal go to whoever may see the signal here; a signal this
 * node received also sends them back upstream, so feedback reaches the contributor.
 */
export const aboutSignal = (s: SignalRecord, body: PendingEvent['body']): PendingEvent => ({ body, audience: s.distribution, audienceNode: s.receivedFrom });

/**
 * Whether a change to this signal is news for any partner: only once it is confirmed
 * (four eyes; received signals were confirmed at their origin), and then if its level
 * lets it leave or it came from a partner (feedback goes back upstream).
 */
export const isShared = (s: SignalRecord): boolean => isConfirmed(s) && (s.distribution !== 'local' || s.receivedFrom !== null);

/** The same event, re-published under this node's signature (the node field is rewritten on append). */
export function relayOf(body: KnownBody): PendingEvent['body'] {
  const { at: _at, node: _node, ...rest } = body;
  return rest as PendingEvent['body'];
}
