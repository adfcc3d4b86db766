import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { ConcordError } from '../../errors/concord-error.js';
import { fetchCollection } from '../taxii/taxii-client.js';
import { fetchCheckpoints } from '../audit-checkpoint-fetch.js';
import { NodeKey } from '../node-key.js';
import { errorSummary, outboundHttp } from './outbound-http.js';
import { checkOutboundUrl } from './outbound-url.js';

const SECRET = 'internal-metadata-token-7f3a';
let internal: Server;
let redirector: Server;
let internalHits = 0;
const urlOf = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

before(async () => {
  internal = createServer((_req, res) => {
    internalHits++;
    res.end(SECRET);
  });
  redirector = createServer((req, res) => {
    res.writeHead(302, { location: `${urlOf(internal)}${req.url}` });
    res.end(`redirecting to ${urlOf(internal)}`);
  });
  await Promise.all([internal, redirector].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))));
});
after(() => Promise.all([internal, redirector].map((s) => new Promise((r) => s.close(r)))));

const codeOf = async (p: Promise<unknown>) => p.then(() => 'no error', (err: unknown) => (err instanceof ConcordError ? err.code : String(err)));

test('a redirect is refused with OUTBOUND_REDIRECT_REFUSED, the target is never contacted, and the message holds no body', async () => {
  const hits = internalHits;
  const err = await outboundHttp()(`${urlOf(redirector)}/v1/feed`).then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof ConcordError);
  assert.equal(err.code, 'OUTBOUND_REDIRECT_REFUSED');
  assert.doesNotMatch(err.message, new RegExp(SECRET));
  assert.doesNotMatch(err.message, /redirecting to/);
  assert.equal(internalHits, hits, 'the internal server got no request');
});

test('a plain answer passes through unchanged', async () => {
  const res = await outboundHttp()(`${urlOf(internal)}/x`);
  assert.equal(await res.text(), SECRET);
});

for (const bad of ['file:///etc/passwd', 'gopher://127.0.0.1:70/_x', 'javascript:alert(1)', 'data:text/plain,hi', 'ftp://host/x', 'http://user:pw@host/', 'not a url']) {
  test(`${bad}: refused with OUTBOUND_URL_REFUSED before any request`, async () => {
    assert.throws(() => checkOutboundUrl(bad), (e: unknown) => e instanceof ConcordError && e.code === 'OUTBOUND_URL_REFUSED');
    assert.equal(await codeOf(outboundHttp()(bad)), 'OUTBOUND_URL_REFUSED');
  });
}

test('the TAXII client refuses a bad scheme and a redirect the same way', async () => {
  const drain = async (collectionUrl: string) => {
    for await (const _ of fetchCollection({ collectionUrl, apiKey: 'k' })) void _;
  };
  assert.equal(await codeOf(drain('file:///etc/taxii/collections/x/')), 'OUTBOUND_URL_REFUSED');
  const hits = internalHits;
  assert.equal(await codeOf(drain(`${urlOf(redirector)}/taxii2/api/collections/x/`)), 'OUTBOUND_REDIRECT_REFUSED');
  assert.equal(internalHits, hits);
});

test('an error summary is one line, without control characters, and bounded', () => {
  assert.equal(errorSummary('a\nb\u0000c'), 'a b c');
  assert.equal(errorSummary('x'.repeat(500)).length, 200);
});

test("asking a partner for its audit checkpoints: a redirect is refused, and an answer that is not JSON is not repeated", async () => {
  const key = NodeKey.generate();
  const partner = (url: string) => ({ id: 'p-asked', name: 'Asked', kind: 'partner' as const, url, publicKey: key.publicKey, sharingGroups: [] }) as unknown as Parameters<typeof fetchCheckpoints>[0];
  const ask = (url: string) => fetchCheckpoints(partner(url), { key, selfId: 'p-self', node: 'p-self' }).then(() => undefined, (e: unknown) => e as ConcordError);
  const hits = internalHits;
  const redirected = await ask(urlOf(redirector));
  assert.equal(redirected?.code, 'OUTBOUND_REDIRECT_REFUSED');
  assert.equal(internalHits, hits, 'the internal server got no request');
  const answered = await ask(urlOf(internal)); // 200 with a text body
  assert.equal(answered?.code, 'PARTNER_UNREACHABLE');
  assert.doesNotMatch(answered!.message, new RegExp(SECRET.slice(0, 6)), answered!.message);
});
