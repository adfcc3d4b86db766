import type { FastifyRequest } from 'fastify';
import { ConcordError } from '../errors/concord-error.js';
import type { PartnerRecord } from '../store/store.js';
import { SELF_VIEWER, type Viewer } from './viewer.js';

/** The store reads a viewer is built from. */
export interface PartnerLookup {
  getPartner(id: string): Promise<PartnerRecord | undefined>;
}

/**
 * The viewer behind an organisation id: this node's own, or a partner with the sharing
 * groups it has now (read fresh, so a change of groups applies to the next request).
 * A key bound to a partner that no longer exists sees only what every partner sees.
 */
export async function viewerForPartner(store: PartnerLookup, partnerId: string, selfPartner: string, kind: 'partner-key' | 'partner-node' = 'partner-key'): Promise<Viewer> {
  if (partnerId === selfPartner) return SELF_VIEWER;
  const partner = await store.getPartner(partnerId);
  return { kind, partnerId, sharingGroups: partner?.sharingGroups ?? [] };
}

/**
 * The viewer of an authenticated request: the partner node that signed it (request.peer)
 * or the organisation its API key belongs to (request.apiKey), as the auth hook set them.
 */
export async function viewerOfRequest(store: PartnerLookup, selfPartner: string, request: FastifyRequest): Promise<Viewer> {
  if (request.peer) return { kind: 'partner-node', partnerId: request.peer.id, sharingGroups: request.peer.sharingGroups };
  if (request.apiKey) return viewerForPartner(store, request.apiKey.partnerId, selfPartner);
  throw new ConcordError('AUTH_MISSING');
}

/** Whether the request comes from a key issued to a partner organisation (no store read). */
export const isPartnerKey = (request: FastifyRequest, selfPartner: string): boolean => request.apiKey !== undefined && request.apiKey.partnerId !== selfPartner;
