/**
 * Path prefix entries of the `url` signal: a canonical URL whose path ends in `/*`
 * (`https://example.com/forum/thread/*`) covers that path and every path below it,
 * with any query or fragment. Segments match whole: `/forum/*` covers `/forum` and
 * `/forum/1`, not `/forums`. `https://example.com/*` covers the whole host, but not
 * its subdomains (that is a `domain` entry's job).
 *
 * Distances: 0 for the same value, 1 when one value is a prefix entry covering the
 * other, 2 otherwise. Symmetric, so the brute-force reference and the index agree.
 */
export const isPrefixEntry = (value: string): boolean => value.endsWith('/*');

/**
 * The path key of a canonical value: origin and path, without query, fragment,
 * trailing slash or `/*`. `https://example.com/a/b?q=1` → `https://example.com/a/b`.
 */
export function pathKey(value: string): string {
  if (isPrefixEntry(value)) return value.slice(0, -2);
  const end = value.search(/[?#]/);
  const path = end < 0 ? value : value.slice(0, end);
  return path.endsWith('/') ? path.slice(0, -1) : path;
}

/** True when `entry` is a prefix entry covering `value` (which may itself be a prefix entry). */
export function covers(entry: string, value: string): boolean {
  if (!isPrefixEntry(entry) || entry === value) return false;
  const base = pathKey(entry);
  const key = pathKey(value);
  return key === base || key.startsWith(`${base}/`);
}

export function urlDistance(a: string, b: string): number {
  if (a === b) return 0;
  return covers(a, b) || covers(b, a) ? 1 : 2;
}

/** The key split where the trie branches: the origin, then each path segment. */
export function keySegments(key: string): string[] {
  const pathStart = key.indexOf('/', 'https://'.length);
  if (pathStart < 0) return [key];
  return [key.slice(0, pathStart), ...key.slice(pathStart + 1).split('/')];
}
