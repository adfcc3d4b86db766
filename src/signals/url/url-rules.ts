/**
 * The documented lists behind URL canonicalisation (spec steps 5 and 6). Adding to a
 * list changes canonical forms, so every change is a reviewed decision: a parameter
 * belongs here only if it never selects different content.
 */

/** Query parameters dropped on every host: click and campaign trackers. */
export const TRACKING_PARAMETERS: ReadonlySet<string> = new Set([
  'fbclid', // Facebook click id
  'gclid', 'dclid', 'gbraid', 'wbraid', 'gclsrc', // Google Ads
  'msclkid', // Microsoft Ads
  'yclid', 'ysclid', // Yandex
  'twclid', // X/Twitter Ads
  'ttclid', // TikTok Ads
  'li_fat_id', // LinkedIn
  'igshid', 'igsh', // Instagram share ids
  'si', // YouTube and Spotify share ids
  'mc_cid', 'mc_eid', // Mailchimp
  '_hsenc', '_hsmi', // HubSpot
  'mkt_tok', // Marketo
  'oly_anon_id', 'oly_enc_id', // Omeda
  'vero_id', 'vero_conv', // Vero
  'rb_clickid', // Rakuten
  's_cid', // Adobe campaign id
  '_ga', '_gl', // Google Analytics cross-domain linker
]);

/** Parameter-name prefixes dropped on every host. */
export const TRACKING_PARAMETER_PREFIXES: readonly string[] = ['utm_'];

/**
 * Parameters dropped only on one site (keyed by registrable domain), where the site's
 * own share buttons add them and they never change what the page shows. Elsewhere
 * names like `s` or `t` may select content, so they stay.
 */
export const SITE_TRACKING_PARAMETERS: Readonly<Record<string, ReadonlySet<string>>> = {
  'youtube.com': new Set(['feature', 'pp', 'ab_channel', 't']),
  'youtu.be': new Set(['feature', 't']),
  'twitter.com': new Set(['s', 't', 'ref_src', 'ref_url']),
  'x.com': new Set(['s', 't', 'ref_src', 'ref_url']),
  'facebook.com': new Set(['mibextid', 'sfnsn', 'rdid', 'extid']),
  'tiktok.com': new Set(['_r', '_t', 'is_from_webapp', 'sender_device', 'is_copy_url', 'web_id']),
  'reddit.com': new Set(['share_id', 'rdt']),
  'instagram.com': new Set(['img_index']),
};

/**
 * Sites whose routing lives in the fragment (spec step 6), by host: their fragment
 * names the content, so it is kept. Everywhere else the fragment is dropped.
 * - mega.nz / mega.co.nz / mega.io: legacy links `/#!id!key` and `/#F!id!key`
 * - matrix.to, app.element.io: Matrix rooms and users `/#/#room:server`
 * - web.telegram.org: the web client's `/#@channel` and `/k/#-100…`
 */
export const FRAGMENT_ROUTED_HOSTS: ReadonlySet<string> = new Set([
  'mega.nz',
  'mega.co.nz',
  'mega.io',
  'matrix.to',
  'app.element.io',
  'web.telegram.org',
]);

/** True when `key` (as written in the URL) is a tracking parameter on a site with this registrable domain. */
export function isTrackingParameter(key: string, registrableDomain: string | null): boolean {
  let name: string;
  try {
    name = decodeURIComponent(key).toLowerCase();
  } catch {
    return false;
  }
  if (TRACKING_PARAMETERS.has(name)) return true;
  if (TRACKING_PARAMETER_PREFIXES.some((p) => name.startsWith(p))) return true;
  return registrableDomain !== null && (SITE_TRACKING_PARAMETERS[registrableDomain]?.has(name) ?? false);
}
