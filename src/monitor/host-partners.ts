/**
 * The partner node responsible for content at a URL, by the node's `monitor.hostPartners`
 * map: a key matches the URL's host name itself and its subdomains, the longest key wins;
 * an IP address matches only itself. The port is not part of the match. Null: none known.
 *
 * @example
 *   responsiblePartner({ 'video.example': 'node-b' }, 'https://cdn.video.example/x.mp4');  // 'node-b'
 */
export function responsiblePartner(map: Readonly<Record<string, string>>, url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return null;
  }
  let best: { key: string; partner: string } | undefined;
  for (const [key, partner] of Object.entries(map)) {
    const k = key.replace(/\.$/, '');
    if ((host === k || host.endsWith(`.${k}`)) && (!best || k.length > best.key.length)) best = { key: k, partner };
  }
  return best?.partner ?? null;
}
