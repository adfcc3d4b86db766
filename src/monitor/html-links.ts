/**
 * Reads what the monitor needs from HTML without running it: the media it embeds, the
 * pages it links to, and its visible text. A tolerant tag scan, not a DOM: hostile pages
 * cannot make it execute anything, and it never fails on bad markup.
 */
export interface PageParts {
  /** Embedded media (img, video, audio, source, embed, object) and download links: fetched at depth 1. */
  readonly media: string[];
  /** Linked pages (a href): fetched and read at depth 2 and more, on the source's host or a media host. */
  readonly links: string[];
  readonly text: string;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8}|#39);/gi, (whole, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return safeChar(parseInt(lower.slice(2), 16)) ?? whole;
    if (lower.startsWith('#')) return safeChar(parseInt(lower.slice(1), 10)) ?? whole;
    return NAMED[lower] ?? whole;
  });
}

const safeChar = (code: number): string | undefined => (code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : undefined);

const TAG = /<([a-zA-Z][a-zA-Z0-9:-]*)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTR = /([a-zA-Z_:][a-zA-Z0-9_:.-]*)\s*=\s*("([^"]*)"|'([^']*)'|([^\s"'>]+))/g;

function attributes(raw: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of raw.matchAll(ATTR)) {
    const name = m[1]!.toLowerCase();
    if (!out.has(name)) out.set(name, decodeEntities(m[3] ?? m[4] ?? m[5] ?? '').trim());
  }
  return out;
}

/** Script, style, comments and templates hold nothing a reader sees. */
const stripInvisible = (html: string): string =>
  html.replace(/<!--[\s\S]*?(-->|$)/g, ' ').replace(/<(script|style|noscript|template)\b[\s\S]*?(<\/\1\s*>|$)/gi, ' ');

/** Resolves a link against the page; only http(s) links survive, without their fragment. */
export function resolveLink(raw: string, base: string): string | undefined {
  if (!raw || raw.length > 4096) return undefined;
  try {
    const url = new URL(raw, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}

const MEDIA_SRC: Record<string, readonly string[]> = {
  img: ['src', 'data-src'],
  video: ['src', 'poster'],
  audio: ['src'],
  source: ['src'],
  track: [],
  embed: ['src'],
  object: ['data'],
};

const FILE_EXTENSIONS = /\.(jpe?g|png|gif|webp|avif|heic|tiff?|bmp|mp4|m4v|mov|webm|mkv|avi|flv|3gp|mp3|m4a|aac|ogg|oga|opus|wav|flac|amr|pdf)$/i;

/**
 * Whether a link names a file by its extension. Only for choosing which links to follow at
 * depth 1; what a fetched body is, is always decided from its bytes.
 */
export const looksLikeFileLink = (url: string): boolean => FILE_EXTENSIONS.test(new URL(url).pathname);

export function htmlParts(html: string, pageUrl: string): PageParts {
  const visible = stripInvisible(html);
  let base = pageUrl;
  const media = new Set<string>();
  const links = new Set<string>();
  for (const m of visible.matchAll(TAG)) {
    const tag = m[1]!.toLowerCase();
    const attrs = attributes(m[2] ?? '');
    if (tag === 'base') {
      const href = resolveLink(attrs.get('href') ?? '', pageUrl);
      if (href) base = href;
      continue;
    }
    for (const name of MEDIA_SRC[tag] ?? []) {
      const url = resolveLink(attrs.get(name) ?? '', base);
      if (url) media.add(url);
    }
    if (tag === 'img' || tag === 'source') {
      // srcset: "a.jpg 1x, b.jpg 2x": every candidate is a version of the same image.
      for (const candidate of (attrs.get('srcset') ?? '').split(',')) {
        const url = resolveLink(candidate.trim().split(/\s+/)[0] ?? '', base);
        if (url) media.add(url);
      }
    }
    if (tag === 'a' || tag === 'area') {
      const url = resolveLink(attrs.get('href') ?? '', base);
      // A download link (a file locker's) is media: fetched at depth 1 like an embedded image.
      if (url) (looksLikeFileLink(url) ? media : links).add(url);
    }
    if (tag === 'link' && /\b(enclosure|image_src)\b/i.test(attrs.get('rel') ?? '')) {
      const url = resolveLink(attrs.get('href') ?? '', base);
      if (url) media.add(url);
    }
  }
  for (const url of media) links.delete(url);
  return { media: [...media], links: [...links], text: visibleText(visible) };
}

/** The text a reader sees, whitespace collapsed. */
export function visibleText(html: string): string {
  return decodeEntities(stripInvisible(html).replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}
