import { ConcordError } from '../errors/concord-error.js';
import type { PartnerRecord } from '../store/store.js';
import { verifySignature, type NodeKey } from './node-key.js';

/**
 * Partner nodes authenticate feed requests with their node key, not with a shared secret:
 *
 *   Authorization: Concord-Node id="node-…", ts="<unix ms>", sig="<base64url Ed25519>"
 *
 * over "concord-request/1\n" METHOD "\n" PATH?QUERY "\n" ts "\n" requester "\n" audience.
 * Naming the audience stops a captured request being replayed against another node; the
 * time window bounds replay against this one (feed reads change nothing anyway).
 * Registering each other's URL and public key is all two nodes need.
 */
export const PEER_SCHEME = 'Concord-Node';
const MAX_SKEW_MS = 5 * 60_000;

const signingString = (method: string, pathAndQuery: string, ts: string, requester: string, audience: string) =>
  `concord-request/1\n${method.toUpperCase()}\n${pathAndQuery}\n${ts}\n${requester}\n${audience}`;

export function signRequest(key: NodeKey, requester: string, audience: string, method: string, pathAndQuery: string, now = Date.now()): string {
  const ts = String(now);
  return `${PEER_SCHEME} id="${requester}", ts="${ts}", sig="${key.sign(signingString(method, pathAndQuery, ts, requester, audience))}"`;
}

const HEADER = /^Concord-Node\s+id="([a-z0-9][a-z0-9_-]{1,63})",\s*ts="(\d{1,15})",\s*sig="([A-Za-z0-9_-]{40,100})"$/;

/** The partner a signed request comes from; PEER_AUTH_INVALID otherwise. */
export async function verifyPeerRequest(
  header: string | undefined,
  method: string,
  pathAndQuery: string,
  self: string,
  lookup: (id: string) => Promise<PartnerRecord | undefined>,
  now = Date.now(),
): Promise<PartnerRecord> {
  if (!header) throw new ConcordError('PEER_AUTH_INVALID', `this route is for partner nodes: sign the request with your node key (${PEER_SCHEME} scheme)`);
  const m = HEADER.exec(header);
  if (!m) throw new ConcordError('PEER_AUTH_INVALID', `the Authorization header must be ${PEER_SCHEME} id="…", ts="…", sig="…"`);
  const [, id, ts, sig] = m as unknown as [string, string, string, string];
  if (Math.abs(now - Number(ts)) > MAX_SKEW_MS) throw new ConcordError('PEER_AUTH_INVALID', 'the signed request is stale or from the future: check both clocks');
  const partner = await lookup(id);
  if (!partner || partner.kind !== 'partner' || !partner.publicKey) throw new ConcordError('PEER_AUTH_INVALID', `node ${id} is not a registered partner of this node`);
  if (!verifySignature(partner.publicKey, signingString(method, pathAndQuery, ts, id, self), sig)) {
    throw new ConcordError('PEER_AUTH_INVALID', `the signature does not verify with the public key registered for ${id}`);
  }
  return partner;
}
