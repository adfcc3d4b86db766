import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseNodeConfig } from '../config/node-config.js';
import { createNode, type ConcordNode } from '../node/concord-node.js';
import { PostgresServer } from '../testing/postgres-server.js';

const NUL = 'a\u0000b';
const LONE = 'lone \ud800 surrogate';

/** Invalid text (NUL, unpaired surrogates) is the same 400 on both dialects, and nothing is stored. */
for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`invalid text is refused at validation (${dialect})`, () => {
    let pg: PostgresServer | undefined;
    let n: ConcordNode;
    let admin: string;
    const call = async (method: string, url: string, body?: unknown) => {
      const res = await n.app.inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${admin}` }, ...(body !== undefined ? { payload: body as object } : {}) });
      return { status: res.statusCode, json: res.json() };
    };
    const refused = async (method: string, url: string, body: unknown, field: RegExp) => {
      const res = await call(method, url, body);
      assert.equal(res.status, 400, `${method} ${url}: ${JSON.stringify(res.json)}`);
      assert.equal(res.json.error.code, 'REQUEST_INVALID');
      assert.match(res.json.error.message, field);
      assert.match(res.json.error.message, /valid text/);
    };

    before(async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'concord-text-'));
      let db: string | undefined;
      if (dialect === 'postgres') {
        pg = await PostgresServer.start();
        db = await pg.createDatabase('text');
      }
      n = await createNode(parseNodeConfig({ dataDir, logLevel: 'silent', db }), { logger: false, sync: false });
      admin = readFileSync(join(dataDir, 'admin.key'), 'utf8').trim();
    });
    after(async () => {
      await n.close();
      await pg?.stop();
    });

    test('bank names and descriptions', async () => {
      await refused('POST', '/v1/banks', { name: NUL }, /\/name/);
      await refused('POST', '/v1/banks', { name: 'ok', description: LONE }, /\/description/);
      assert.deepEqual(await n.store.listBanks(), [], 'no bank stored');
      const bank = await call('POST', '/v1/banks', { name: 'valid bank' });
      assert.equal(bank.status, 201);
      await refused('PATCH', `/v1/banks/${bank.json.id}`, { description: NUL }, /\/description/);
      assert.equal((await n.store.getBank(bank.json.id))!.description, '', 'description unchanged');
    });

    test('signal reasons, labels and opinion reasons', async () => {
      const bank = (await call('POST', '/v1/banks', { name: 'signals bank' })).json;
      const signal = { type: 'md5', value: 'd'.repeat(32), label: 'perpetrator_content', reason: 'attack video' };
      await refused('POST', `/v1/banks/${bank.id}/signals`, { signals: [{ ...signal, reason: `attack ${NUL}` }] }, /reason/);
      await refused('POST', `/v1/banks/${bank.id}/signals`, { signals: [{ ...signal, label: `perpetrator_content${'\u0000'}` }] }, /label/);
      assert.deepEqual(await n.store.getSignals([1]), [], 'no signal stored');
      const added = await call('POST', `/v1/banks/${bank.id}/signals`, { signals: [signal] });
      assert.equal(added.status, 201);
      const id: number = added.json.signals[0].id;
      await refused('POST', `/v1/signals/${id}/retract`, { reason: `no ${NUL}` }, /reason/);
      await refused('POST', `/v1/signals/${id}/opinions`, { opinion: 'disputed', reason: LONE }, /reason/);
      assert.notEqual((await n.store.getSignal(id))!.status, 'retracted', 'not retracted');
      assert.deepEqual(await n.store.listOpinions(id), [], 'no opinion stored');
    });

    test('key purposes, partner names and audit filters', async () => {
      const keys = (await n.store.listApiKeys()).length;
      await refused('POST', '/v1/keys', { roles: ['matcher'], purpose: `pipeline ${NUL}` }, /purpose/);
      await refused('POST', '/v1/keys', { roles: ['matcher'], partnerId: NUL }, /partnerId/);
      assert.equal((await n.store.listApiKeys()).length, keys, 'no key stored');
      const partners = (await n.store.listPartners()).length;
      await refused('POST', '/v1/partners', { id: 'org-x', name: `Org ${NUL}` }, /name/);
      assert.equal((await n.store.listPartners()).length, partners, 'no partner stored');
      await refused('GET', '/v1/audit?subjectId=%00', undefined, /subjectId/);
      assert.equal((await n.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200, 'the node keeps serving');
    });
  });
}
