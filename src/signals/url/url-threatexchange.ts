/**
 * ThreatExchange's URL normalisation, which its `url_md5` hashes
 * (python-threatexchange `common.normalize_url`): the whole URL lower-cased, then the
 * first `scheme://` removed; nothing else. So `https://www.facebook.com/?user=123` and
 * `www.facebook.com/?user=123` are both `www.facebook.com/?user=123`
 * (MD5 e359430911fe80c2dd526d3cca21da30). Reproduced as written, quirks included,
 * because interoperability means computing the same bytes: Python's urlparse
 * round trip also drops an empty trailing `#` or `?`.
 */
export function threatExchangeUrlForm(raw: string): string {
  let url = raw.trim().toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(url)?.[1] ?? '';
  url = url.replace(`${scheme}://`, '');
  return url.replace(/#$/, '').replace(/\?$/, '');
}
