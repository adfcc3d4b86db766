import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { ConcordError } from '../../errors/concord-error.js';
import { signalTypeContract } from '../signal-type-contract.case.js';
import { isSkipped, type HashedSignal, type SignalType } from '../signal-type.js';
import { urlContent } from '../text/text-test-ports.test-helper.js';
import { domainSamples, urlMd5Samples, urlSamples, urlSha256Samples } from './url-contract-samples.js';
import { urlMd5Signal, urlSha256Signal } from './url-digest-signals.js';
import { domainSignal } from './url-domain-signal.js';
import { urlSignal } from './url-signal.js';
import { threatExchangeUrlForm } from './url-threatexchange.js';

signalTypeContract(urlSignal, urlSamples());
signalTypeContract(urlSha256Signal, urlSha256Samples());
signalTypeContract(urlMd5Signal, urlMd5Samples());
signalTypeContract(domainSignal, domainSamples());

const ALL = [urlSignal, urlSha256Signal, urlMd5Signal, domainSignal];

async function hashed(type: SignalType, url: string): Promise<HashedSignal> {
  const result = await type.hash!(urlContent(url), {});
  if (isSkipped(result)) assert.fail(`${type.name} skipped: ${result.skipped}`);
  return result;
}

test('every URL signal of one URL, written two ways, is the same', async () => {
  const a = 'HTTP://WWW.Example.COM:80/forum/./thread/7/?utm_source=tg&page=2#reply';
  const b = 'https://example.com/forum/thread/7?page=2';
  for (const type of [urlSignal, urlSha256Signal, domainSignal]) {
    assert.equal((await hashed(type, a)).value, (await hashed(type, b)).value, type.name);
  }
  const url = await hashed(urlSignal, a);
  assert.equal(url.value, b);
  assert.deepEqual(url.details, { scheme: 'http' });
  assert.equal((await hashed(urlSha256Signal, a)).value, createHash('sha256').update(b).digest('hex'));
  assert.equal((await hashed(domainSignal, a)).value, 'example.com');
});

test('url_md5 is ThreatExchange\'s URL MD5 (its published test vector)', async () => {
  assert.equal(threatExchangeUrlForm('https://www.facebook.com/?user=123'), 'www.facebook.com/?user=123');
  assert.equal(threatExchangeUrlForm('www.facebook.com/?user=123'), 'www.facebook.com/?user=123');
  assert.equal((await hashed(urlMd5Signal, 'https://www.facebook.com/?user=123')).value, 'e359430911fe80c2dd526d3cca21da30');
});

test('domain is the registrable domain, private suffixes included', async () => {
  assert.equal((await hashed(domainSignal, 'https://a.b.example.co.uk/x')).value, 'example.co.uk');
  assert.equal((await hashed(domainSignal, 'https://someone.github.io/x')).value, 'someone.github.io');
  assert.equal((await hashed(domainSignal, 'https://bücher.de/')).value, 'xn--bcher-kva.de');
  assert.equal((await hashed(domainSignal, 'http://192.0.2.7:8080/panel')).value, '192.0.2.7');
});

test('domain is skipped, with the reason, for a host without a registrable domain', async () => {
  const result = await domainSignal.hash!(urlContent('http://localhost:3000/'), {});
  assert.ok(isSkipped(result));
  assert.match(result.skipped, /no registrable domain/);
  assert.equal((await hashed(urlSignal, 'http://localhost:3000/')).value, 'https://localhost:3000/');
});

test('an unparsable URL fails every URL signal with URL_INVALID', async () => {
  for (const type of ALL) {
    for (const bad of ['example.com/no-scheme', 'ftp://example.com/f', 'https://exa mple.com/']) {
      await assert.rejects(type.hash!(urlContent(bad), {}), (err: unknown) => err instanceof ConcordError && err.code === 'URL_INVALID', `${type.name} ${bad}`);
    }
  }
});

test('list values are validated with SIGNAL_VALUE_INVALID and the reason', () => {
  const res = urlSignal.validate('example.com/forum');
  assert.equal(res.ok, false);
  if (!res.ok) {
    assert.equal(res.code, 'SIGNAL_VALUE_INVALID');
    assert.match(res.message, /scheme is required/);
  }
  const sub = domainSignal.validate('www.example.com');
  assert.ok(!sub.ok && /did you mean example\.com/.test(sub.message));
});

test('content is never a prefix entry; a list value may be', async () => {
  assert.equal((await hashed(urlSignal, 'https://example.com/forum/*')).value, 'https://example.com/forum/%2A');
  assert.deepEqual(urlSignal.validate('https://example.com/forum/*'), { ok: true, value: 'https://example.com/forum/*' });
});
