import { ConcordError } from '../errors/concord-error.js';
import { decodeEntities, htmlParts, resolveLink } from './html-links.js';

/** What a feed or outbox holds: media to fetch, item pages, and each item's text with where it was seen. */
export interface FeedParts {
  readonly media: string[];
  readonly links: string[];
  readonly texts: { readonly url: string; readonly text: string }[];
}

const ROOT = /^(?:\uFEFF)?\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)\s*)*<(rss|feed|rdf:RDF)\b/;

/** Whether bytes read as an RSS or Atom document (by its root element, never a header). */
export const looksLikeFeed = (text: string): boolean => ROOT.test(text.slice(0, 4096));

const cdata = (s: string): string => {
  const m = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(s);
  return m ? m[1]! : decodeEntities(s);
};

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i').exec(tag);
  return m ? decodeEntities(m[2] ?? m[3] ?? '') : undefined;
};

/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom: items' links, enclosures, Media RSS content and
 * thumbnails, and the media embedded in their HTML descriptions. The document must be
 * whole (root element opened and closed), else SOURCE_FEED_MALFORMED.
 */
export function feedParts(xml: string, feedUrl: string): FeedParts {
  const root = ROOT.exec(xml.slice(0, 4096));
  if (!root) throw new ConcordError('SOURCE_FEED_MALFORMED', 'the document is not RSS or Atom (no <rss>, <feed> or <rdf:RDF> root element)');
  const rootName = root[1]!;
  if (!new RegExp(`</${rootName}\\s*>\\s*$`).test(xml)) throw new ConcordError('SOURCE_FEED_MALFORMED', `the feed is cut off or malformed: <${rootName}> is never closed`);
  const items = [...xml.matchAll(/<(item|entry)\b[\s\S]*?<\/\1\s*>/g)].map((m) => m[0]);
  const media = new Set<string>();
  const links = new Set<string>();
  const texts: { url: string; text: string }[] = [];
  for (const item of items) {
    let itemUrl: string | undefined;
    const rssLink = /<link>([\s\S]*?)<\/link>/.exec(item);
    if (rssLink) itemUrl = resolveLink(cdata(rssLink[1]!).trim(), feedUrl);
    for (const m of item.matchAll(/<link\b[^>]*\/?>/g)) {
      const href = attr(m[0], 'href');
      const rel = attr(m[0], 'rel') ?? 'alternate';
      const url = href ? resolveLink(href, feedUrl) : undefined;
      if (!url) continue;
      if (rel === 'enclosure') media.add(url);
      else if (rel === 'alternate') itemUrl ??= url;
    }
    if (itemUrl) links.add(itemUrl);
    for (const m of item.matchAll(/<(?:enclosure|media:content|media:thumbnail)\b[^>]*>/g)) {
      const url = resolveLink(attr(m[0], 'url') ?? '', feedUrl);
      if (url) media.add(url);
    }
    for (const m of item.matchAll(/<(description|content:encoded|content|summary)\b[^>]*>([\s\S]*?)<\/\1\s*>/g)) {
      const parts = htmlParts(cdata(m[2]!), itemUrl ?? feedUrl);
      for (const url of parts.media) media.add(url);
      if (parts.text) texts.push({ url: itemUrl ?? feedUrl, text: parts.text });
    }
  }
  for (const url of media) links.delete(url);
  return { media: [...media], links: [...links], texts };
}
