import type { FastifyReply, FastifyRequest } from 'fastify';
import { hashApiKey } from '../auth/api-key.js';
import type { Role } from '../domain/roles.js';
import { ConcordError } from '../errors/concord-error.js';
import { verifyPeerRequest } from '../exchange/peer-auth.js';
import type { ApiKeyRecord, Actor, PartnerRecord, Store } from '../store/store.js';
import { PEER_ROUTES, PUBLIC_ROUTES, ROUTE_ROLES } from './route-permissions.js';

declare module 'fastify' {
  interface FastifyRequest {
    apiKey?: ApiKeyRecord;
    /** The partner node behind a signed feed request. */
    peer?: PartnerRecord;
  }
}

/** Revocations reach every process within this time. */
const CACHE_MS = 5000;

/** Resolves the bearer key and checks the route's roles; public routes pass untouched. */
export function authHook(store: Store, selfPartner: string) {
  const cache = new Map<string, { key: ApiKeyRecord | undefined; until: number }>();
  const lookup = async (hash: string): Promise<ApiKeyRecord | undefined> => {
    const hit = cache.get(hash);
    if (hit && hit.until > Date.now()) return hit.key;
    const key = await store.findApiKeyByHash(hash);
    if (cache.size > 10_000) cache.clear();
    cache.set(hash, { key, until: Date.now() + CACHE_MS });
    return key;
  };

  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const route = `${request.method} ${request.routeOptions.url ?? ''}`;
    if (PUBLIC_ROUTES.has(route) || request.routeOptions.url === undefined) return;
    if (PEER_ROUTES.has(route)) {
      // Partner nodes sign with their node key; no API key is involved. Read fresh each
      // time, so a partner registered a moment ago (by CLI or API) is recognised at once.
      request.peer = await verifyPeerRequest(request.headers.authorization, request.method, request.url, selfPartner, (id) => store.getPartner(id));
      return;
    }
    const allowed = ROUTE_ROLES[route];
    if (!allowed) throw new ConcordError('INTERNAL', `route ${route} has no entry in the authorisation matrix`);
    const header = request.headers.authorization;
    if (!header) throw new ConcordError('AUTH_MISSING');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new ConcordError('AUTH_MISSING', 'the Authorization header must be "Bearer <key>"');
    const key = await lookup(hashApiKey(match[1]!));
    if (!key || key.revokedAt) throw new ConcordError('AUTH_INVALID');
    if (!key.roles.some((r) => allowed.includes(r))) {
      throw new ConcordError('FORBIDDEN', `${route} needs one of the roles: ${allowed.join(', ')}; this key has: ${key.roles.join(', ')}`);
    }
    request.apiKey = key;
  };
}

/** The actor for the audit log: the key's partner organisation and the key's id. */
export function actorOf(request: FastifyRequest): Actor {
  const key = request.apiKey;
  if (!key) throw new ConcordError('AUTH_MISSING');
  return { partner: key.partnerId, keyId: key.id };
}

export function peerOf(request: FastifyRequest): PartnerRecord {
  if (!request.peer) throw new ConcordError('PEER_AUTH_INVALID');
  return request.peer;
}

export const hasRole = (request: FastifyRequest, role: Role): boolean => request.apiKey?.roles.includes(role) ?? false;
