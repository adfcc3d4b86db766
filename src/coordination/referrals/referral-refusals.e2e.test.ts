import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { waitFor } from '../../testing/federation-nodes.js';
import { startClockedNode, type ClockedNode } from '../../testing/clocked-nodes.js';
import { ScriptedPartner } from '../../testing/scripted-partner.js';
import { fixedClock } from '../../util/clock.js';
import { removalOrder } from './referral-fixtures.test-helper.js';

/**
 * Bad input over HTTP, and forged or replayed referral events from a partner's (well
 * signed) feed: each refused with its code, and nothing half-written.
 */
describe('referrals: bad input and forged or replayed events', () => {
  const clock = fixedClock(Date.now());
  const partner = new ScriptedPartner();
  let N: ClockedNode;

  before(async () => {
    await partner.start();
    N = await startClockedNode('Node N', clock);
    const res = await N.call('POST', '/v1/partners', { name: 'Scripted', url: partner.url, publicKey: partner.key.publicKey });
    assert.equal(res.status, 201);
  });
  after(async () => {
    await N?.node.close();
    await partner.stop();
  });

  test('bad input gets its code, and neither the referrals, the feed nor the audit log change', async () => {
    const feedBefore = await N.node.store.latestFeedSeq();
    const auditBefore = (await N.call('GET', '/v1/audit?limit=1000')).json.entries.length;
    const good = removalOrder(partner.id, 'https://video.example/watch?v=1');
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, kind: 'takedown_request' }, 'REFERRAL_KIND_UNKNOWN'],
      [{ ...good, grounds: ['incites', 'blasphemy'] }, 'REFERRAL_GROUND_UNKNOWN'],
      [{ ...good, grounds: [] }, 'REFERRAL_GROUND_UNKNOWN'],
      [{ ...good, to: 'no-such-node' }, 'REFERRAL_PARTNER_UNKNOWN'],
      [{ ...good, to: N.id }, 'REFERRAL_PARTNER_UNKNOWN'],
      [{ ...good, incidentId: 'incident 7' }, 'REFERRAL_INCIDENT_INVALID'],
      [{ ...good, incidentId: randomUUID() }, 'INCIDENT_NOT_FOUND'],
      [{ ...good, kind: 'referral', order: undefined, deadline: new Date(clock.now() - 1000).toISOString() }, 'REFERRAL_DEADLINE_PAST'],
      [{ ...good, noticeWithheld: { withheld: true, until: '2001-01-01T00:00:00Z' } }, 'REFERRAL_DEADLINE_PAST'],
      [{ ...good, deadline: new Date(clock.now() + 3_600_000).toISOString() }, 'REFERRAL_FIELDS_INVALID'],
      [{ ...good, order: { issuingAuthority: 'Unit' } }, 'REFERRAL_FIELDS_INVALID'],
      [{ ...good, content: { urls: [], signalUids: [] } }, 'REFERRAL_FIELDS_INVALID'],
      [{ ...good, content: { urls: ['not a url'] } }, 'URL_INVALID'],
      [{ ...good, label: 'separatism' }, 'LABEL_UNKNOWN'],
      [{ ...good, statementOfReasons: undefined }, 'REQUEST_INVALID'],
    ];
    for (const [body, code] of cases) {
      const res = await N.call('POST', '/v1/referrals', body);
      assert.equal(res.json.error?.code, code, `${JSON.stringify(body).slice(0, 120)} → ${JSON.stringify(res.json)}`);
    }
    assert.equal((await N.call('POST', `/v1/referrals/${randomUUID()}/decision`, { outcome: 'removed', actedAt: new Date(clock.now()).toISOString() })).json.error?.code, 'REFERRAL_NOT_FOUND');
    assert.deepEqual((await N.call('GET', '/v1/referrals')).json.referrals, []);
    assert.equal(await N.node.store.latestFeedSeq(), feedBefore);
    assert.equal((await N.call('GET', '/v1/audit?limit=1000')).json.entries.length, auditBefore);
  });

  test('forged and replayed referral events from a partner are refused with their codes and change nothing', async () => {
    const shared = (id: string, sender: string) => ({
      id, sender, receiver: N.id, scrutiny: null, kind: 'removal_order', label: 'perpetrator_content', grounds: ['incites'],
      legalBasis: 'Art. 3 TCO', reasons: 'The attacker’s stream.', redress: 'Appeal to the authority.', noticeWithheld: false, noticeWithheldUntil: null,
      incidentId: null, order: { issuingAuthority: 'Unit', reference: 'R-1', memberState: 'DE', issuedAt: '2026-01-01T00:00:00Z', contactPoint: 'desk' },
      urls: ['https://video.example/watch?v=9'], signalUids: [], windowMs: 3_600_000,
    });
    const r1 = randomUUID();
    const forgedId = randomUUID();
    const now = () => new Date(clock.now()).toISOString();
    partner.append({ type: 'referral.sent', referral: shared(forgedId, 'some-other-node') }); // claims another sender
    partner.append({ type: 'referral.sent', referral: shared(r1, partner.id) }); // honest
    partner.append({ type: 'referral.sent', referral: shared(r1, partner.id) }); // the same order again
    partner.append({ type: 'referral.decided', referral: r1, eventId: randomUUID(), outcome: 'removed', actedAt: now(), reason: '' }); // the sender deciding
    partner.append({ type: 'referral.receipt', referral: r1, eventId: randomUUID(), sentAt: now(), receivedAt: now(), sentEventHash: 'f'.repeat(64) }); // a receipt not from the receiver
    partner.append({ type: 'referral.cleared', referral: r1, eventId: randomUUID(), explanation: 'nothing to clear' }); // no obstacle open
    const refused = async () => (await N.call('GET', '/v1/audit?limit=1000')).json.entries.filter((e: any) => e.action === 'referral.event_refused').map((e: any) => e.details.code);
    await waitFor('the scripted events are applied or refused', async () => (await refused()).length >= 5);
    assert.deepEqual(await refused(), ['REFERRAL_EVENT_FORGED', 'REFERRAL_EVENT_REPLAYED', 'REFERRAL_WRONG_SIDE', 'REFERRAL_EVENT_FORGED', 'REFERRAL_STATE_CONFLICT']);
    assert.equal((await N.call('GET', `/v1/referrals/${forgedId}`)).json.error?.code, 'REFERRAL_NOT_FOUND');
    const held = (await N.call('GET', `/v1/referrals/${r1}`)).json;
    assert.equal(held.status, 'received');
    assert.deepEqual(held.history.map((e: any) => e.type), ['sent', 'receipt']);

    // An obstacle here, cleared by the sender once; the same clearing replayed is refused.
    assert.equal((await N.call('POST', `/v1/referrals/${r1}/obstacle`, { reason: 'manifest_error', explanation: 'The order names another platform.' })).status, 200);
    assert.equal((await N.call('POST', `/v1/referrals/${r1}/obstacle`, { reason: 'bad_weather', explanation: 'x'.repeat(5) })).json.error?.code, 'REFERRAL_OBSTACLE_REASON_UNKNOWN');
    const clearing = { type: 'referral.cleared', referral: r1, eventId: randomUUID(), explanation: 'Corrected: it is this platform.' };
    partner.append(clearing);
    partner.append(clearing);
    await waitFor('the clearing and its replay', async () => (await refused()).length >= 6);
    assert.equal((await refused())[5], 'REFERRAL_EVENT_REPLAYED');
    const after = (await N.call('GET', `/v1/referrals/${r1}`)).json;
    assert.equal(after.status, 'received');
    assert.deepEqual(after.history.map((e: any) => e.type), ['sent', 'receipt', 'obstacle', 'cleared']);
  });
});
