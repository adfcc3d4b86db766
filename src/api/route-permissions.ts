import type { Role } from '../domain/roles.js';

/**
 * The authorisation matrix: which roles may call each route. One table, so an auditor
 * can read it whole, and a test walks every cell. A key may hold several roles.
 */
export const ROUTE_ROLES: Record<string, readonly Role[]> = {
  'POST /v1/hash': ['admin', 'curator', 'reviewer', 'matcher'],
  'POST /v1/match': ['admin', 'curator', 'reviewer', 'matcher'],
  'GET /v1/banks': ['admin', 'curator', 'reviewer', 'auditor'],
  'POST /v1/banks': ['admin', 'curator'],
  'GET /v1/banks/:id': ['admin', 'curator', 'reviewer', 'auditor'],
  'PATCH /v1/banks/:id': ['admin', 'curator'],
  'POST /v1/banks/:id/signals': ['admin', 'curator'],
  'POST /v1/banks/:id/content': ['admin', 'curator'],
  'GET /v1/signals/:id': ['admin', 'curator', 'reviewer', 'auditor'],
  'POST /v1/signals/:id/retract': ['admin', 'curator'],
  'POST /v1/signals/:id/label': ['admin', 'curator'],
  'POST /v1/signals/:id/opinions': ['admin', 'curator', 'reviewer'],
  // Four eyes decides who counts (a reviewer key other than the adder's); the table only lets reviewers and admins ask.
  'POST /v1/signals/confirm': ['admin', 'reviewer'],
  'GET /v1/signals': ['admin', 'curator', 'reviewer', 'auditor'],
  'GET /v1/stats/signals': ['admin', 'curator', 'reviewer', 'auditor'],
  // Counts by hour of what the caller may see, as the signal counts above (the report's rule).
  'GET /v1/stats/matches': ['admin', 'curator', 'reviewer', 'auditor'],
  // Every key may learn what it is (a client shows only what its roles allow).
  'GET /v1/me': ['admin', 'curator', 'reviewer', 'matcher', 'auditor'],
  'GET /v1/partners': ['admin', 'auditor'],
  'GET /v1/sync': ['admin', 'auditor'],
  'POST /v1/partners': ['admin'],
  'PATCH /v1/partners/:id': ['admin'],
  'GET /v1/keys': ['admin', 'auditor'],
  'POST /v1/keys': ['admin'],
  'POST /v1/keys/:id/revoke': ['admin'],
  'GET /v1/audit': ['admin', 'auditor'],
  'GET /v1/audit/verify': ['admin', 'auditor'],
  // Accountability: whoever reads the audit log reads the report computed from it.
  'GET /v1/reports/transparency': ['admin', 'auditor'],
  'GET /v1/incidents': ['admin', 'curator', 'reviewer', 'auditor'],
  'GET /v1/incidents/:id': ['admin', 'curator', 'reviewer', 'auditor'],
  'POST /v1/incidents': ['admin', 'curator'],
  'POST /v1/incidents/:id/timeline': ['admin', 'curator', 'reviewer'],
  'POST /v1/incidents/:id/join': ['admin', 'curator'],
  'POST /v1/incidents/:id/conclude': ['admin', 'curator'],
  // The choices of the declare and send forms, for whoever reads incidents and referrals (GET /v1/partners stays an admin's and auditor's).
  'GET /v1/incident-tiers': ['admin', 'curator', 'reviewer', 'auditor'],
  'GET /v1/partner-nodes': ['admin', 'curator', 'reviewer', 'auditor'],
  // Referrals and removal orders: this node's staff send and answer them; auditors read them.
  'POST /v1/referrals': ['admin', 'curator'],
  'GET /v1/referrals': ['admin', 'curator', 'reviewer', 'auditor'],
  'GET /v1/referrals/:id': ['admin', 'curator', 'reviewer', 'auditor'],
  'POST /v1/referrals/:id/ack': ['admin', 'curator'],
  'POST /v1/referrals/:id/obstacle': ['admin', 'curator'],
  'POST /v1/referrals/:id/clear': ['admin', 'curator'],
  'POST /v1/referrals/:id/decision': ['admin', 'curator'],
  'POST /v1/referrals/:id/scrutiny': ['admin', 'curator'],
  'POST /v1/referrals/:id/scrutiny-decision': ['admin', 'curator'],
  'POST /v1/referrals/:id/complaint': ['admin', 'curator'],
  'POST /v1/referrals/:id/reinstatement': ['admin', 'curator'],
  // Alerts, actions and the review queue.
  'GET /v1/alerts': ['admin', 'curator', 'reviewer', 'auditor'],
  'POST /v1/alerts': ['admin', 'curator'],
  'GET /v1/alerts/:uid': ['admin', 'curator', 'reviewer', 'auditor'],
  // Taking an alert in hand is work on it; auditors read.
  'POST /v1/alerts/:uid/ack': ['admin', 'curator', 'reviewer'],
  'GET /v1/clusters': ['admin', 'curator', 'reviewer', 'auditor'],
  'GET /v1/clusters/:id': ['admin', 'curator', 'reviewer', 'auditor'],
  'GET /v1/actions/rules': ['admin', 'auditor'],
  'POST /v1/actions/rules': ['admin'],
  'POST /v1/actions/rules/:id/disable': ['admin'],
  'GET /v1/actions/deliveries': ['admin', 'auditor'],
  'GET /v1/review': ['admin', 'curator', 'reviewer', 'auditor'],
  'POST /v1/review/:id/accept': ['admin', 'curator', 'reviewer'],
  'POST /v1/review/:id/reject': ['admin', 'curator', 'reviewer'],
  // The monitor of public sources: curators keep the allow-list; finds are read like matches.
  'GET /v1/sources': ['admin', 'curator', 'auditor'],
  'POST /v1/sources': ['admin', 'curator'],
  'DELETE /v1/sources/:id': ['admin', 'curator'],
  'POST /v1/sources/:id/check': ['admin', 'curator'],
  'GET /v1/finds': ['admin', 'curator', 'reviewer', 'auditor'],
  'GET /v1/finds/:id': ['admin', 'curator', 'reviewer', 'auditor'],
  'POST /v1/finds/:id/referral': ['admin', 'curator'],
  // Exchange formats: what a partner's key may pull. Each answer holds only what may leave towards that partner.
  'GET /v1/banks/:id/export': ['admin', 'curator', 'reviewer', 'auditor'],
  'GET /taxii2/': ['admin', 'curator', 'reviewer', 'auditor'],
  'GET /taxii2/api/': ['admin', 'curator', 'reviewer', 'auditor'],
  'GET /taxii2/api/collections/': ['admin', 'curator', 'reviewer', 'auditor'],
  'GET /taxii2/api/collections/:id/': ['admin', 'curator', 'reviewer', 'auditor'],
  'GET /taxii2/api/collections/:id/objects/': ['admin', 'curator', 'reviewer', 'auditor'],
  'GET /taxii2/api/collections/:id/manifest/': ['admin', 'curator', 'reviewer', 'auditor'],
};

/** Routes anyone may call: liveness, metrics, the API description, the node's public identity and the web console's files (it signs in with a key through the API). */
export const PUBLIC_ROUTES = new Set(['GET /healthz', 'GET /metrics', 'GET /openapi.json', 'GET /docs', 'GET /docs/*', 'GET /', 'GET /assets/*', 'GET /v1/identity']);

/**
 * Path prefixes anyone may call: the browsable API page's assets and JSON, registered by
 * @fastify/swagger-ui under /docs (the set of files differs between its versions).
 */
export const PUBLIC_PREFIXES: readonly string[] = ['/docs/'];

/** Whether a route (its pattern, as registered) is public; HEAD is public where GET is. */
export function isPublicRoute(method: string, url: string): boolean {
  const m = method === 'HEAD' ? 'GET' : method;
  return PUBLIC_ROUTES.has(`${m} ${url}`) || (m === 'GET' && PUBLIC_PREFIXES.some((p) => url.startsWith(p)));
}

/** Routes for partner nodes, authenticated by a request signed with the node key (src/exchange/peer-auth.ts), never by an API key. */
export const PEER_ROUTES = new Set(['GET /v1/feed', 'GET /v1/audit/checkpoints']);
