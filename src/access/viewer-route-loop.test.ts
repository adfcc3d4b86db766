import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROLES } from '../domain/roles.js';
import { signRequest } from '../exchange/peer-auth.js';
import { collectionId } from '../exchange/stix/stix-ids.js';
import { PostgresServer } from '../testing/postgres-server.js';
import { policyOf, routeKey, routeTableOf } from './route-viewer-policy.js';
import { HOST_LEVELS, nearPdq, randomPdq, viewerFixture, type ViewerFixture } from './viewer-fixture.test-helper.js';

/**
 * The viewer × route loop: every route of the app's route table (recorded as the app
 * was built, not listed here) is called by every kind of viewer, with every id of the
 * fixture, and no answer may hold a bank name, value or reason that viewer may not see.
 */

type LoopViewer = { readonly name: string; readonly kind: 'anonymous' | 'self' | 'partner-key' | 'partner-node'; readonly key?: string };

/** Request bodies and queries that get each route past validation, so the handler runs. Routes not listed are called without. */
const SAMPLES = (f: ViewerFixture): Record<string, { query?: string; body?: () => unknown }> => ({
  'POST /v1/match': { body: () => ({ signals: [...HOST_LEVELS.map((l) => f.host[l]), f.secretBank.signal].map((s) => ({ type: 'pdq', value: nearPdq(s.value) })), include: ['disputed', 'retracted'] }) },
  'POST /v1/hash': { body: () => ({ text: 'a text to hash' }) },
  'GET /v1/audit': { query: '?limit=1000' },
  // With partners asked, the answer names each partner node: node administration a partner's key may not read.
  'GET /v1/audit/verify': { query: '?withPartners=true' },
  'GET /v1/banks/:id/export': { query: '?format=te-json' },
  'GET /v1/feed': { query: '?after=0&limit=1000' },
  'GET /v1/reports/transparency': { query: `?from=${new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)}&to=${new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)}&format=html` },
  'POST /v1/banks': { body: () => ({ name: `loop-${randomPdq().slice(0, 8)}` }) },
  'PATCH /v1/banks/:id': { body: () => ({ description: 'described by the loop' }) },
  'POST /v1/banks/:id/signals': { body: () => ({ signals: [{ type: 'pdq', value: randomPdq(), label: 'perpetrator_content', reason: 'added by the loop', distribution: 'partners' }] }) },
  'POST /v1/signals/:id/retract': { body: () => ({ reason: 'retracted by the loop' }) },
  'POST /v1/signals/:id/label': { body: () => ({ label: 'glorification_of_attack', reason: 'relabelled by the loop' }) },
  'POST /v1/signals/:id/opinions': { body: () => ({ opinion: 'seen', reason: 'seen by the loop' }) },
  'PATCH /v1/partners/:id': { body: () => ({ url: 'http://127.0.0.1:9' }) },
  'POST /v1/keys': { body: () => ({ roles: ['matcher'], purpose: 'made by the loop' }) },
});

/** Concrete paths for a route: every fixture id where it takes one, plus one that does not exist. */
function pathsFor(f: ViewerFixture, url: string): string[] {
  const self = f.t.node.selfPartner;
  const banks = [f.hostBankId, f.secretBank.id, f.partnerBank.id, 999_999];
  const signals = [...HOST_LEVELS.map((l) => f.host[l].id), f.unconfirmed.id, f.secretBank.signal.id, f.partnerBank.signal.id, 999_999];
  let ids: string[] = [];
  if (url.startsWith('/v1/banks/:id')) ids = banks.map(String);
  else if (url.startsWith('/v1/signals/:id')) ids = signals.map(String);
  else if (url.startsWith('/taxii2/api/collections/:id')) ids = banks.map((b) => collectionId(self, b));
  else if (url.startsWith('/v1/partners/:id')) ids = [f.partnerId, f.peerId];
  else if (url.startsWith('/v1/incidents/:id')) ids = [...f.incidentIds, 'no-such-id'];
  else if (url.includes(':id')) ids = ['no-such-id'];
  const concrete = url.replace(/\*$/, 'index.html');
  return ids.length > 0 ? ids.map((id) => concrete.replace(':id', id)) : [concrete];
}

/** The id in a concrete path, and whether it names a bank or a signal. */
function targetOf(path: string): { kind: 'bank' | 'signal' | 'other'; id: number } {
  const m = /^\/v1\/(banks|signals)\/(\d+)/.exec(path);
  return m ? { kind: m[1] === 'banks' ? 'bank' : 'signal', id: Number(m[2]) } : { kind: 'other', id: NaN };
}

/** Whether a path names a host-owned bank or signal: a partner's write on it must be refused. */
function hostTarget(f: ViewerFixture, path: string): boolean {
  const t = targetOf(path);
  if (t.kind === 'bank') return [f.hostBankId, f.secretBank.id].includes(t.id);
  return t.kind === 'signal' && [...HOST_LEVELS.map((l) => f.host[l].id), f.unconfirmed.id, f.secretBank.signal.id].includes(t.id);
}

/** Whether a path names a signal the partner may not see. */
function hiddenTarget(f: ViewerFixture, path: string): boolean {
  const t = targetOf(path);
  return t.kind === 'signal' && [f.host.local.id, f.host['group:other'].id, f.unconfirmed.id, f.secretBank.signal.id].includes(t.id);
}

async function callAs(f: ViewerFixture, viewer: LoopViewer, method: string, path: string, body: unknown): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = {};
  if (viewer.key) headers.authorization = `Bearer ${viewer.key}`;
  if (viewer.kind === 'partner-node') headers.authorization = signRequest(f.peerKey, f.peerId, f.t.node.selfPartner, method, path);
  const res = await f.t.node.app.inject({ method: method as 'GET', url: path, headers, ...(body !== undefined ? { payload: body as object } : {}) });
  return { status: res.statusCode, text: res.body };
}

function loopSuite(dialect: string, overrides: () => Record<string, unknown>) {
  describe(`viewer × route loop on ${dialect}`, () => {
    let f: ViewerFixture;
    before(async () => {
      f = await viewerFixture(overrides());
    });
    after(async () => f?.t.node.close());

    test('every route in the route table has a viewer policy', () => {
      const routes = routeTableOf(f.t.node.app);
      assert.ok(routes.length >= 40, `only ${routes.length} routes recorded`);
      const missing = routes.filter((r) => policyOf(r.method, r.url) === undefined).map((r) => routeKey(r.method, r.url));
      assert.deepEqual(missing, [], 'add these to ROUTE_VIEWER_POLICY in src/access/route-viewer-policy.ts');
    });

    test("the host's incidents, alerts and finds the loop hides from partners are there for its own keys", async () => {
      const own = (await Promise.all(['/v1/incidents', '/v1/alerts?limit=1000', '/v1/finds', ...f.incidentIds.map((id) => `/v1/incidents/${id}`)].map((url) => f.t.call('GET', url, f.selfKeys.auditor)))).map((r) => JSON.stringify(r.json)).join('');
      const absent = f.coordinationHidden.filter((s) => !own.includes(s) && !s.includes('source-'));
      assert.deepEqual(absent, [], 'the fixture made nothing to hide, so the loop would prove nothing');
    });

    test('no answer to any viewer holds a name, value or reason that viewer may not see', async () => {
      const viewers: LoopViewer[] = [
        { name: 'anonymous', kind: 'anonymous' },
        { name: 'partner node', kind: 'partner-node' },
        ...ROLES.map((role) => ({ name: `partner ${role}`, kind: 'partner-key' as const, key: f.partnerKeys[role] })),
        // The node's own keys last: their writes (retractions, relabels) must not change what the others were checked against.
        ...ROLES.map((role) => ({ name: `own ${role}`, kind: 'self' as const, key: f.selfKeys[role] })),
      ];
      // Which nodes this node partners with is its own administration: a partner organisation's key does not learn the
      // partner node's id from an authenticated route. (The public /metrics labels sync gauges by partner, by design.)
      const secretsFor = (v: LoopViewer, policy: string | undefined) =>
        v.kind === 'self' ? [] : v.kind === 'anonymous' ? f.everything : v.kind === 'partner-key' && policy !== 'public' ? [...f.hiddenFromPartner, f.peerId] : f.hiddenFromPartner;
      const samples = SAMPLES(f);
      const routes = routeTableOf(f.t.node.app).filter((r) => r.method !== 'HEAD');
      let calls = 0;
      const failures: string[] = [];
      for (const viewer of viewers) {
        for (const route of routes) {
          const key = routeKey(route.method, route.url);
          const policy = policyOf(route.method, route.url);
          const sample = samples[key] ?? {};
          for (const path of pathsFor(f, route.url)) {
            const url = path + (sample.query ?? '');
            const res = await callAs(f, viewer, route.method, url, sample.body?.());
            calls++;
            const leaked = secretsFor(viewer, policy).filter((s) => res.text.includes(s));
            if (leaked.length > 0) failures.push(`${viewer.name} ${route.method} ${url} → ${res.status} leaks ${leaked.join(', ')}`);
            if (viewer.kind === 'partner-key' && policy === 'node-only' && res.status !== 403) failures.push(`${viewer.name} ${route.method} ${url} → ${res.status}, not 403`);
            // A partner's key changes only what it owns, and gives opinions only on what it may see.
            const refused = route.url.endsWith('/opinions') ? hiddenTarget(f, path) : route.url !== '/v1/banks' && hostTarget(f, path);
            if (viewer.kind === 'partner-key' && policy === 'owner-writes' && refused) {
              if (![401, 403, 404].includes(res.status)) failures.push(`${viewer.name} ${route.method} ${url} → ${res.status}: a partner's key changed a host object`);
            }
          }
        }
      }
      assert.ok(calls > 500, `only ${calls} calls`);
      assert.deepEqual(failures, [], `${failures.length} of ${calls} calls failed`);
    });
  });
}

loopSuite('SQLite', () => ({}));

if (PostgresServer.binDir()) {
  let pg: PostgresServer | undefined;
  before(async () => {
    pg = await PostgresServer.start();
  });
  after(async () => pg?.stop());
  loopSuite('PostgreSQL', () => ({ db: pg!.url }));
}
