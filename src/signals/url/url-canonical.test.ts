import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { canonicaliseUrl } from './url-canonical.js';

/** [what it shows, input, canonical] */
const TABLE: readonly (readonly [string, string, string])[] = [
  // Scheme
  ['http and https are one scheme', 'http://example.com/a', 'https://example.com/a'],
  ['the scheme is case-insensitive', 'HTTPS://example.com/a', 'https://example.com/a'],
  // Host
  ['the host is lower-cased', 'https://EXAMPLE.Com/a', 'https://example.com/a'],
  ['an IDN becomes punycode', 'https://münchen.de/', 'https://xn--mnchen-3ya.de/'],
  ['an IDN written in punycode is the same host', 'https://XN--MNCHEN-3YA.DE/', 'https://xn--mnchen-3ya.de/'],
  ['an Arabic IDN becomes punycode', 'https://مثال.إختبار/', 'https://xn--mgbh0fb.xn--kgbechtv/'],
  ['a trailing dot on the host is stripped', 'https://example.com./a', 'https://example.com/a'],
  ['www. is dropped', 'https://www.example.com/a', 'https://example.com/a'],
  ['www. is dropped on a private-suffix domain', 'https://www.user.github.io/a', 'https://user.github.io/a'],
  ['www. that is part of the registrable domain stays', 'https://www.co.uk/', 'https://www.co.uk/'],
  ['other subdomains stay', 'https://www2.example.com/ https://m.example.com/'.split(' ')[0]!, 'https://www2.example.com/'],
  ['user name and password are dropped', 'https://user:secret@example.com/a', 'https://example.com/a'],
  ['IPv4 in another notation becomes dotted decimal', 'http://0x7f.0.0.1/', 'https://127.0.0.1/'],
  ['IPv6 is compressed and bracketed', 'http://[2001:0DB8:0:0:0:0:0:1]/', 'https://[2001:db8::1]/'],
  // Ports
  ['the default http port is dropped', 'http://example.com:80/a', 'https://example.com/a'],
  ['the default https port is dropped', 'https://example.com:443/a', 'https://example.com/a'],
  ['port 443 on http is dropped too (one scheme)', 'http://example.com:443/a', 'https://example.com/a'],
  ['other ports stay', 'https://example.com:8443/a', 'https://example.com:8443/a'],
  // Path
  ['dot segments are resolved', 'https://example.com/a/./b/../c', 'https://example.com/a/c'],
  ['escaped dot segments are resolved', 'https://example.com/a/%2e%2E/c', 'https://example.com/c'],
  ['dot segments cannot climb above the root', 'https://example.com/../../a', 'https://example.com/a'],
  ['escapes of unreserved characters are decoded', 'https://example.com/%7Euser/%41%2d%5f', 'https://example.com/~user/A-_'],
  ['other escapes are upper-cased', 'https://example.com/a%2fb%3a', 'https://example.com/a%2Fb%3A'],
  ['non-ASCII path characters are escaped', 'https://example.com/ä/日本', 'https://example.com/%C3%A4/%E6%97%A5%E6%9C%AC'],
  ['spaces are escaped', 'https://example.com/a b', 'https://example.com/a%20b'],
  ['path case is kept', 'https://example.com/File.PDF', 'https://example.com/File.PDF'],
  ['a trailing slash is removed', 'https://example.com/a/', 'https://example.com/a'],
  ['several trailing slashes are removed', 'https://example.com/a//', 'https://example.com/a'],
  ['the root keeps its slash', 'https://example.com', 'https://example.com/'],
  ['commas are escaped so the URL stays one token', 'https://example.com/a,b', 'https://example.com/a%2Cb'],
  ['a literal * at the end of content is escaped (never a prefix entry)', 'https://example.com/a/*', 'https://example.com/a/%2A'],
  // Query
  ['utm_ parameters are dropped', 'https://example.com/a?utm_source=tg&utm_medium=x&id=1', 'https://example.com/a?id=1'],
  ['click ids are dropped', 'https://example.com/a?fbclid=1&gclid=2&msclkid=3&id=1', 'https://example.com/a?id=1'],
  ['tracking names match case-insensitively', 'https://example.com/a?UTM_Source=x&FBCLID=y', 'https://example.com/a'],
  ['si is dropped', 'https://youtu.be/abc?si=xyz', 'https://youtu.be/abc'],
  ['site-specific trackers are dropped on their site', 'https://www.youtube.com/watch?v=abc&feature=share&t=42', 'https://youtube.com/watch?v=abc'],
  ['site-specific names stay elsewhere', 'https://example.com/watch?v=abc&t=42', 'https://example.com/watch?t=42&v=abc'],
  ['parameters are sorted by key then value', 'https://example.com/a?b=2&a=2&a=1', 'https://example.com/a?a=1&a=2&b=2'],
  ['empty pairs and an empty query go', 'https://example.com/a?&&', 'https://example.com/a'],
  ['query escapes are normalised', 'https://example.com/a?q=%7e%c3%a4', 'https://example.com/a?q=~%C3%A4'],
  ['query commas are escaped', 'https://example.com/a?ids=1,2', 'https://example.com/a?ids=1%2C2'],
  ['+ is kept as written', 'https://example.com/a?q=a+b', 'https://example.com/a?q=a+b'],
  // Fragment
  ['the fragment is dropped', 'https://example.com/a#section-2', 'https://example.com/a'],
  ['a hashbang is dropped on ordinary sites', 'https://example.com/#!/page', 'https://example.com/'],
  ['the fragment is kept on fragment-routed sites (mega)', 'https://mega.nz/#!abcd!KEY', 'https://mega.nz/#!abcd!KEY'],
  ['the fragment is kept on fragment-routed sites (matrix.to)', 'https://matrix.to/#/#room:example.org', 'https://matrix.to/#/#room:example.org'],
  ['an empty fragment goes, even there', 'https://mega.nz/#', 'https://mega.nz/'],
  // Surroundings
  ['surrounding whitespace is trimmed', '  https://example.com/a \n', 'https://example.com/a'],
];

test('URL canonicalisation table', () => {
  for (const [what, input, expected] of TABLE) {
    const result = canonicaliseUrl(input);
    assert.ok(result.ok, `${what}: ${!result.ok ? result.message : ''}`);
    assert.equal(result.value.value, expected, what);
    assert.equal(result.value.kind, 'exact');
  }
});

test('prefix entries: a path ending in /* when allowed', () => {
  const cases: [string, string][] = [
    ['https://www.Example.com/forum/*', 'https://example.com/forum/*'],
    ['http://example.com/forum/thread/*', 'https://example.com/forum/thread/*'],
    ['https://example.com/*', 'https://example.com/*'],
    ['https://example.com/forum//*', 'https://example.com/forum/*'],
  ];
  for (const [input, expected] of cases) {
    const result = canonicaliseUrl(input, { allowPrefix: true });
    assert.ok(result.ok);
    assert.deepEqual([result.value.kind, result.value.value], ['prefix', expected]);
  }
  const withQuery = canonicaliseUrl('https://example.com/forum/*?page=2', { allowPrefix: true });
  assert.equal(withQuery.ok, false);
});

test('the original scheme is kept aside', () => {
  const http = canonicaliseUrl('http://example.com/');
  assert.ok(http.ok && http.value.originalScheme === 'http');
});

test('unparsable and unsupported URLs are rejected with URL_INVALID and a reason', () => {
  const cases: [string, RegExp][] = [
    ['', /WHATWG/],
    ['not a url', /scheme is required/],
    ['example.com/a', /scheme is required/],
    ['https://exa mple.com/', /WHATWG/],
    ['https://', /WHATWG/],
    ['http://[::1/', /WHATWG/],
    ['ftp://example.com/file', /only http and https/],
    ['javascript:alert(1)', /only http and https/],
    ['https://a,b.example/', /not a usable host/],
  ];
  for (const [input, reason] of cases) {
    const result = canonicaliseUrl(input);
    assert.equal(result.ok, false, input);
    if (!result.ok) {
      assert.equal(result.code, 'URL_INVALID');
      assert.match(result.message, reason, input);
    }
  }
});

test('canonicalisation is idempotent and yields one token (property)', () => {
  const pathChars = fc.constantFrom('a', 'B', '~', '-', '.', '..', '/', '%2e', '%7E', '%2f', '%c3%a4', ',', ' ', '*', 'ä', '%', '+', ';', '=', "'");
  const segment = fc.array(pathChars, { maxLength: 6 }).map((cs) => cs.join(''));
  const arbitrary = fc.record({
    scheme: fc.constantFrom('http', 'https', 'HTTP'),
    www: fc.constantFrom('', 'www.', 'www.www.', 'WWW.'),
    host: fc.constantFrom('example.com', 'Example.co.uk', 'münchen.de', 'user.github.io', '192.0.2.1', '[2001:db8::1]', 'mega.nz', 'x.com.'),
    port: fc.constantFrom('', ':80', ':443', ':8080'),
    path: fc.array(segment, { maxLength: 4 }).map((s) => `/${s.join('/')}`),
    query: fc.array(fc.tuple(fc.constantFrom('a', 'B', 'utm_x', 'si', 'q', 'q%7e', 'k,1', ''), fc.constantFrom('', '=', '=1', '=a b', '=%7e', '=1,2', '=%2C')), { maxLength: 4 }).map((ps) => (ps.length ? `?${ps.map(([k, v]) => k + v).join('&')}` : '')),
    hash: fc.constantFrom('', '#', '#x', '#!a!b', '#a,b'),
  });
  fc.assert(
    fc.property(arbitrary, fc.boolean(), (u, allowPrefix) => {
      const raw = `${u.scheme}://${u.www}${u.host}${u.port}${u.path}${u.query}${u.hash}`;
      const once = canonicaliseUrl(raw, { allowPrefix });
      if (!once.ok) return;
      const twice = canonicaliseUrl(once.value.value, { allowPrefix });
      assert.ok(twice.ok, `${raw} → ${once.value.value} → ${!twice.ok ? twice.message : ''}`);
      assert.equal(twice.value.value, once.value.value, raw);
      assert.doesNotMatch(once.value.value, /[\s,]/);
    }),
    { numRuns: 3000 },
  );
});
