import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ConcordError } from '../errors/concord-error.js';
import { isPartnerKey } from './viewer-of.js';

/**
 * How each route treats its viewer. Every route the app serves has an entry: the viewer
 * × route loop test (viewer-route-loop.test.ts) walks the app's route table and fails on
 * a route missing here, and at run time a partner's key is refused on a route without one.
 *
 * - `public`: nothing stored that a viewer could be refused (health, identity, API description).
 * - `request-only`: answers from the request alone; nothing stored is read (hashing).
 * - `no-content`: answers without any bank name, value or reason (TAXII discovery, audit verification).
 * - `viewer-reads`: reads through ViewerReads / ExchangeReads, which filter by viewer.
 * - `owner-writes`: writes checked by WriteGuard (or the module's own rule, as alert
 *   acknowledgements) before anything is stored.
 * - `node-only`: administration of this node (partners, keys); a partner's key is FORBIDDEN.
 * - `peer-feed`: partner nodes by signed request; the feed through ExchangeReads, and audit
 *   checkpoints (chain lengths and head hashes, no content).
 */
export type ViewerPolicy = 'public' | 'request-only' | 'no-content' | 'viewer-reads' | 'owner-writes' | 'node-only' | 'peer-feed';

export const ROUTE_VIEWER_POLICY: Readonly<Record<string, ViewerPolicy>> = {
  'GET /': 'public',
  'GET /healthz': 'public',
  'GET /metrics': 'public',
  'GET /openapi.json': 'public',
  'GET /docs': 'public',
  'GET /docs/': 'public',
  'GET /docs/*': 'public',
  'GET /docs/static/*': 'public',
  'GET /docs/static/index.html': 'public',
  'GET /docs/static/swagger-initializer.js': 'public',
  'GET /docs/json': 'public',
  'GET /docs/yaml': 'public',
  'GET /docs/initOAuth': 'public',
  'GET /docs/uiConfig': 'public',
  'GET /v1/identity': 'public',
  // The web console's page and built assets: the same files for everyone, no stored data.
  'GET /assets/*': 'public',
  'GET /v1/me': 'request-only',
  'GET /v1/signals': 'viewer-reads',
  'GET /v1/stats/signals': 'viewer-reads',
  'POST /v1/hash': 'request-only',
  'POST /v1/match': 'viewer-reads',
  'GET /v1/banks': 'viewer-reads',
  'POST /v1/banks': 'owner-writes',
  'GET /v1/banks/:id': 'viewer-reads',
  'PATCH /v1/banks/:id': 'owner-writes',
  'POST /v1/banks/:id/signals': 'owner-writes',
  'POST /v1/banks/:id/content': 'owner-writes',
  'GET /v1/banks/:id/export': 'viewer-reads',
  'GET /v1/signals/:id': 'viewer-reads',
  'POST /v1/signals/:id/retract': 'owner-writes',
  'POST /v1/signals/:id/label': 'owner-writes',
  'POST /v1/signals/:id/opinions': 'owner-writes',
  // Batch confirmation by this node's reviewers; a partner's reviewer confirms its own signals one by one (opinions).
  'POST /v1/signals/confirm': 'node-only',
  'GET /v1/partners': 'node-only',
  'POST /v1/partners': 'node-only',
  'PATCH /v1/partners/:id': 'node-only',
  'GET /v1/keys': 'node-only',
  'POST /v1/keys': 'node-only',
  'POST /v1/keys/:id/revoke': 'node-only',
  'GET /v1/audit': 'viewer-reads',
  'GET /v1/audit/verify': 'no-content',
  // Counts only, of what the caller may see (src/reports/report-visibility.ts).
  'GET /v1/reports/transparency': 'viewer-reads',
  'GET /v1/stats/matches': 'viewer-reads',
  'GET /v1/feed': 'peer-feed',
  'GET /v1/audit/checkpoints': 'peer-feed',
  'GET /v1/sync': 'node-only',
  // Incidents: read by the incident rule (coordination/incidents/incident-visibility.ts); written by this node only, as its own signed entries.
  'GET /v1/incidents': 'viewer-reads',
  'GET /v1/incidents/:id': 'viewer-reads',
  'POST /v1/incidents': 'node-only',
  'POST /v1/incidents/:id/timeline': 'node-only',
  'POST /v1/incidents/:id/join': 'node-only',
  'POST /v1/incidents/:id/conclude': 'node-only',
  // Tier names are configuration, no stored content; which nodes this node federates with is its own administration.
  'GET /v1/incident-tiers': 'no-content',
  'GET /v1/partner-nodes': 'node-only',
  // Referrals travel between nodes on the feed; a key issued to a partner organisation has no part in them here.
  'POST /v1/referrals': 'node-only',
  'GET /v1/referrals': 'node-only',
  'GET /v1/referrals/:id': 'node-only',
  'POST /v1/referrals/:id/ack': 'node-only',
  'POST /v1/referrals/:id/obstacle': 'node-only',
  'POST /v1/referrals/:id/clear': 'node-only',
  'POST /v1/referrals/:id/decision': 'node-only',
  'POST /v1/referrals/:id/scrutiny': 'node-only',
  'POST /v1/referrals/:id/scrutiny-decision': 'node-only',
  'POST /v1/referrals/:id/complaint': 'node-only',
  'POST /v1/referrals/:id/reinstatement': 'node-only',
  // Alerts: every read under the alert distribution rule (src/coordination/alerts/alert-visibility.ts).
  'GET /v1/alerts': 'viewer-reads',
  'POST /v1/alerts': 'node-only',
  'GET /v1/alerts/:uid': 'viewer-reads',
  // Each organisation acknowledges for itself, and only an alert its viewer may see (coordination/alerts/alert-acks.ts).
  'POST /v1/alerts/:uid/ack': 'owner-writes',
  // Early-warning clusters: members, incidents and sightings filtered by maySee / maySeeIncident (src/coordination/early-warning/cluster-view.ts).
  'GET /v1/clusters': 'viewer-reads',
  'GET /v1/clusters/:id': 'viewer-reads',
  // Action rules, their delivery log and the review queue: administration of this node.
  'GET /v1/actions/rules': 'node-only',
  'POST /v1/actions/rules': 'node-only',
  'POST /v1/actions/rules/:id/disable': 'node-only',
  'GET /v1/actions/deliveries': 'node-only',
  'GET /v1/review': 'node-only',
  'POST /v1/review/:id/accept': 'node-only',
  'POST /v1/review/:id/reject': 'node-only',
  // The monitor's allow-list is node-local configuration; finds follow the signals' distribution (monitor-routes.ts).
  'GET /v1/sources': 'node-only',
  'POST /v1/sources': 'node-only',
  'DELETE /v1/sources/:id': 'node-only',
  'POST /v1/sources/:id/check': 'node-only',
  'GET /v1/finds': 'viewer-reads',
  'GET /v1/finds/:id': 'viewer-reads',
  // Opening a referral is this node's coordination act, as POST /v1/referrals.
  'POST /v1/finds/:id/referral': 'node-only',
  'GET /taxii2/': 'no-content',
  'GET /taxii2/api/': 'no-content',
  'GET /taxii2/api/collections/': 'viewer-reads',
  'GET /taxii2/api/collections/:id/': 'viewer-reads',
  'GET /taxii2/api/collections/:id/objects/': 'viewer-reads',
  'GET /taxii2/api/collections/:id/manifest/': 'viewer-reads',
};

/** A route as the policy table names it; HEAD shares its GET's entry. */
export const routeKey = (method: string, url: string): string => `${method === 'HEAD' ? 'GET' : method} ${url}`;

export const policyOf = (method: string, url: string): ViewerPolicy | undefined => ROUTE_VIEWER_POLICY[routeKey(method, url)];

/**
 * Refuses a partner's key on node-only routes, and on any route without a policy (fail
 * closed). Runs before validation, so the answer does not depend on the body.
 */
export function viewerPolicyHook(selfPartner: string) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!isPartnerKey(request, selfPartner) || request.routeOptions.url === undefined) return;
    const policy = policyOf(request.method, request.routeOptions.url);
    if (policy === undefined || policy === 'node-only') {
      throw new ConcordError('FORBIDDEN', `${request.method} ${request.routeOptions.url} administers this node; a key issued to a partner organisation may not call it`);
    }
  };
}

const tables = new WeakMap<FastifyInstance, { method: string; url: string }[]>();

/** Starts recording every route the app adds (call before registering any), for the loop test. */
export function recordRoutes(app: FastifyInstance): void {
  const table: { method: string; url: string }[] = [];
  tables.set(app, table);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) table.push({ method, url: route.url });
  });
}

/** The routes recorded for an app: its route table. */
export const routeTableOf = (app: FastifyInstance): readonly { method: string; url: string }[] => tables.get(app) ?? [];
