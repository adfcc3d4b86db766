/**
 * STIX patterns for signals. Types with a standard cyber-observable get a standard
 * pattern any STIX consumer understands; every other type (pdq, vpdq, audio_chromaprint,
 * text_minhash, digests of text and URLs) gets a pattern on the custom observable
 * `x-concord-signal`, still pattern_type `stix` so validators can parse it. The exact
 * signal always travels in `x_concord_signal_type` / `x_concord_signal_value` as well.
 *
 * @example
 *   patternFor('md5', 'd41d8cd98f00b204e9800998ecf8427e');   // "[file:hashes.MD5 = 'd41d…']"
 *   parsePattern("[url:value = 'https://example.org/a']");  // { type: 'url', value: 'https://example.org/a' }
 */

/** Quotes a string for a STIX pattern: backslash and single quote are escaped. */
const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const unquote = (s: string): string => s.replace(/\\(['\\])/g, '$1');

/** The custom observable type for signals STIX has no observable for. */
export const CUSTOM_OBSERVABLE = 'x-concord-signal';

export function patternFor(type: string, value: string): string {
  switch (type) {
    case 'md5':
      return `[file:hashes.MD5 = ${quote(value)}]`;
    case 'sha256':
      return `[file:hashes.'SHA-256' = ${quote(value)}]`;
    case 'domain':
      // A Concord domain entry covers its subdomains too.
      return `[domain-name:value = ${quote(value)} OR domain-name:value LIKE ${quote(`%.${value}`)}]`;
    case 'url':
      if (!value.endsWith('/*')) return `[url:value = ${quote(value)}]`;
      // A prefix entry: LIKE, unless the prefix itself holds LIKE's wildcards.
      if (!/[%_]/.test(value)) return `[url:value LIKE ${quote(`${value.slice(0, -1)}%`)}]`;
      break;
  }
  return `[${CUSTOM_OBSERVABLE}:signal_type = ${quote(type)} AND ${CUSTOM_OBSERVABLE}:value = ${quote(value)}]`;
}

const STR = `'((?:[^'\\\\]|\\\\.)*)'`;
const FORMS: readonly { re: RegExp; type: string; value: (m: string) => string }[] = [
  { re: new RegExp(`^\\[file:hashes\\.(?:MD5|'MD5') = ${STR}\\]$`), type: 'md5', value: (v) => v },
  { re: new RegExp(`^\\[file:hashes\\.'SHA-256' = ${STR}\\]$`), type: 'sha256', value: (v) => v },
  { re: new RegExp(`^\\[url:value = ${STR}\\]$`), type: 'url', value: (v) => v },
  { re: new RegExp(`^\\[url:value LIKE ${STR}\\]$`), type: 'url', value: (v) => (v.endsWith('%') && !/[%_]/.test(v.slice(0, -1)) ? `${v.slice(0, -1)}*` : '') },
  { re: new RegExp(`^\\[domain-name:value = ${STR}(?: OR domain-name:value LIKE ${STR})?\\]$`), type: 'domain', value: (v) => v },
];

/**
 * Reads a signal from the standard patterns above (for objects from other TAXII servers,
 * which carry no `x_concord_*` properties). Anything else is not understood: undefined.
 */
export function parsePattern(pattern: string): { type: string; value: string } | undefined {
  const trimmed = pattern.trim();
  for (const form of FORMS) {
    const m = form.re.exec(trimmed);
    if (!m) continue;
    const value = form.value(unquote(m[1]!));
    return value ? { type: form.type, value } : undefined;
  }
  const custom = new RegExp(`^\\[${CUSTOM_OBSERVABLE}:signal_type = ${STR} AND ${CUSTOM_OBSERVABLE}:value = ${STR}\\]$`, 's').exec(trimmed);
  return custom ? { type: unquote(custom[1]!), value: unquote(custom[2]!) } : undefined;
}
