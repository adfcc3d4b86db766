import { createHash } from 'node:crypto';
import type { ContractSamples } from '../signal-type-contract.case.js';
import { canonicaliseUrl } from './url-canonical.js';
import { threatExchangeUrlForm } from './url-threatexchange.js';

/**
 * Corpora for the shared signal-type contract (signal-type-contract.case.ts), one per
 * URL type. The `url` corpus nests exact URLs under prefix entries at several depths,
 * so distance-1 pairs (a prefix covering a URL or a narrower prefix) are plentiful.
 */
const RAW_URLS: readonly string[] = [
  'https://example.com/',
  'https://example.com/forum',
  'https://example.com/forum/',
  'https://example.com/forum/thread/7',
  'https://example.com/forum/thread/7?page=2',
  'https://example.com/forum/thread/7?page=2&utm_source=tg',
  'https://example.com/forumx/1',
  'http://www.example.com/forum/thread/8#reply-3',
  'https://example.com:8443/forum/thread/7',
  'https://sub.example.com/forum/thread/7',
  'https://files.example.org/d/AbC123',
  'https://files.example.org/d/AbC123/file.pdf',
  'https://files.example.org/d/XyZ789',
  'https://bücher.example/a,b?c=d,e',
  'https://mega.nz/#!abcd!KEY',
  'https://mega.nz/file/abcd#KEY',
  'https://t.me/some_channel/123',
  'https://t.me/some_channel/124?single',
  'https://t.me/other_channel',
  'https://user.github.io/pages/a.html',
  'https://[2001:db8::1]/x',
  'http://192.0.2.7:8080/panel/login.php?id=1',
  'https://archive.example.net/web/2024/https://example.com/forum',
];

const PREFIX_ENTRIES: readonly string[] = [
  'https://example.com/forum/*',
  'https://example.com/forum/thread/*',
  'https://example.com/*',
  'https://files.example.org/d/AbC123/*',
  'https://t.me/some_channel/*',
  'https://sub.example.com/*',
];

function canonical(raw: string, allowPrefix = false): string {
  const result = canonicaliseUrl(raw, { allowPrefix });
  if (!result.ok) throw new Error(`sample ${raw} does not canonicalise: ${result.message}`);
  return result.value.value;
}

const digest = (algorithm: 'sha256' | 'md5', text: string) => createHash(algorithm).update(text, 'utf8').digest('hex');

export function urlSamples(): ContractSamples {
  const values = [...RAW_URLS.map((u) => canonical(u)), ...PREFIX_ENTRIES.map((u) => canonical(u, true))];
  return {
    values: [...values, values[3]!, values[values.length - 1]!],
    invalid: ['', 'not a url', 'example.com/forum', 'ftp://example.com/file', 'javascript:alert(1)', 'https://', 'https://exa mple.com/', 'https://a,b.example/', 'https://example.com/forum/*?page=2', 'mailto:someone@example.com'],
  };
}

export function urlSha256Samples(): ContractSamples {
  const values = RAW_URLS.map((u) => digest('sha256', canonical(u)));
  return { values: [...values, values[0]!], invalid: malformedHex(64) };
}

export function urlMd5Samples(): ContractSamples {
  const values = RAW_URLS.map((u) => digest('md5', threatExchangeUrlForm(u)));
  return { values: [...values, values[0]!], invalid: malformedHex(32) };
}

export function domainSamples(): ContractSamples {
  return {
    values: ['example.com', 'example.co.uk', 'xn--bcher-kva.example', 'user.github.io', 'some-site.blogspot.com', 'abcdefghijklmnop.onion', '192.0.2.7', '[2001:db8::1]', 't.me', 'example.com'],
    invalid: ['', 'co.uk', 'com', 'localhost', 'www.example.com', 'sub.example.co.uk', 'https://example.com', 'example.com/path', 'example.com:8080', 'exa mple.com', 'a,b.com', 'github.io'],
  };
}

function malformedHex(length: number): string[] {
  return ['', 'x'.repeat(length), '0'.repeat(length - 1), '0'.repeat(length + 1), `${'0'.repeat(length - 1)}g`, `0,${'0'.repeat(length - 2)}`];
}
