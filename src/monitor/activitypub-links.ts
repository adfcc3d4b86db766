import { ConcordError } from '../errors/concord-error.js';
import type { FeedParts } from './feed-links.js';
import { htmlParts, resolveLink } from './html-links.js';

const COLLECTIONS = new Set(['OrderedCollection', 'OrderedCollectionPage', 'Collection', 'CollectionPage']);

/** Whether bytes read as an ActivityStreams document: JSON with an @context. */
export function looksLikeActivityStreams(text: string): boolean {
  const head = text.trimStart().slice(0, 4096);
  return head.startsWith('{') && head.includes('@context');
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** The URLs a `url` or `href` property holds: a string, a Link object, or a list of them. */
function urlsOf(v: unknown, base: string): string[] {
  return list(v).flatMap((entry) => {
    const raw = typeof entry === 'string' ? entry : isObject(entry) ? (entry.href ?? entry.url) : undefined;
    const url = typeof raw === 'string' ? resolveLink(raw, base) : undefined;
    return url ? [url] : [];
  });
}

/**
 * An ActivityPub outbox (or a page of one): each activity's object, its attachments
 * (images, documents, video, audio), its public URL and the media in its HTML content.
 * A collection whose items are on another page gives that page (`first`) as a link.
 */
export function activityPubParts(json: string, outboxUrl: string): FeedParts {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (err) {
    throw new ConcordError('SOURCE_FEED_MALFORMED', `the outbox is not valid JSON (${(err as Error).message.slice(0, 100)})`);
  }
  if (!isObject(doc) || !COLLECTIONS.has(String(doc.type))) throw new ConcordError('SOURCE_FEED_MALFORMED', 'the document is not an ActivityStreams collection (type OrderedCollection or a page of one)');
  const media = new Set<string>();
  const links = new Set<string>();
  const texts: { url: string; text: string }[] = [];
  const items = list(doc.orderedItems ?? doc.items ?? (isObject(doc.first) ? (doc.first.orderedItems ?? doc.first.items) : undefined));
  if (items.length === 0 && typeof doc.first === 'string') {
    const first = resolveLink(doc.first, outboxUrl);
    if (first) links.add(first);
  }
  for (const item of items) {
    if (!isObject(item)) continue;
    const object = isObject(item.object) ? item.object : item;
    const pageUrl = urlsOf(object.url, outboxUrl)[0] ?? (typeof object.id === 'string' ? resolveLink(object.id, outboxUrl) : undefined) ?? outboxUrl;
    for (const url of urlsOf(object.url, outboxUrl)) links.add(url);
    for (const attachment of list(object.attachment)) {
      if (isObject(attachment)) for (const url of urlsOf(attachment.url ?? attachment.href, outboxUrl)) media.add(url);
    }
    if (typeof object.content === 'string') {
      const parts = htmlParts(object.content, pageUrl);
      for (const url of parts.media) media.add(url);
      if (parts.text) texts.push({ url: pageUrl, text: parts.text });
    }
  }
  for (const url of media) links.delete(url);
  return { media: [...media], links: [...links], texts };
}
