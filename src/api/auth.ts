import type { FastifyReply, FastifyRequest } from 'fastify';
import { hashApiKey } from '../auth/api-key.js';
import type { Role } from '../domain/roles.js';
import { ConcordError } from '../errors/concord-error.js';
import { verifyPeerRequest } from '../exchange/peer-auth.js';
import type { ApiKeyRecord, Actor, PartnerRecord, Store } from '../store/store.js';
import type { ApiKeyCache } from './api-key-cache.js';
import { isPublicRoute, PEER_ROUTES, ROUTE_ROLES } from './route-permissions.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The API key lookups of this app; a revocation here invalidates it. */
    apiKeys: ApiKeyCache;
  }
  interface FastifyRequest {
    apiKey?: ApiKeyRecord;
    /** The partner node behind a signed feed request. */
    peer?: PartnerRecord;
  }
}

/** The bearer secret of an Authorization header, or undefined when there is none or it is malformed. */
export function bearerSecret(header: string | undefined): string | undefined {
  return header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
}

const keyHashes = new WeakMap<FastifyRequest, string | null>();

/** The hash of a request's bearer secret, computed once per request: the rate limit and auth both look the key up. */
export function bearerKeyHash(request: FastifyRequest): string | undefined {
  let hash = keyHashes.get(request);
  if (hash === undefined) {
    const secret = bearerSecret(request.headers.authorization);
    hash = secret === undefined ? null : hashApiKey(secret);
    keyHashes.set(request, hash);
  }
  return hash ?? undefined;
}

/** A key that exists, is not revoked and has not expired at `nowMs`. */
export const isUsableKey = (key: ApiKeyRecord, nowMs: number): boolean => !key.revokedAt && (key.expiresAt === null || Date.parse(key.expiresAt) > nowMs);

/**
 * Resolves the bearer key and checks the route's roles; public routes pass untouched.
 * HEAD is checked as the GET it mirrors. Keys come through `keys` (revocations in this
 * process invalidate it; other processes' within its lifetime); expiry is judged by `clock`.
 */
export function authHook(store: Store, selfPartner: string, keys: ApiKeyCache, clock: () => number = Date.now) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const url = request.routeOptions.url;
    if (url === undefined || isPublicRoute(request.method, url)) return;
    // Fastify answers HEAD with the GET handler, so HEAD needs exactly GET's permission.
    const route = `${request.method === 'HEAD' ? 'GET' : request.method} ${url}`;
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
    const hash = bearerKeyHash(request);
    if (!hash) throw new ConcordError('AUTH_MISSING', 'the Authorization header must be "Bearer <key>"');
    const key = await keys.find(hash);
    if (!key || key.revokedAt) throw new ConcordError('AUTH_INVALID');
    if (!isUsableKey(key, clock())) throw new ConcordError('AUTH_EXPIRED', `API key ${key.id} expired at ${key.expiresAt}`);
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
