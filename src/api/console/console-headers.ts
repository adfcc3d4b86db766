/**
 * Headers of the web console's pages. The policy allows scripts, styles and requests to
 * this origin only: no inline script, no eval, no framing, no plugins. React sets styles
 * through the DOM (allowed); the built index.html holds no inline script or style (a test checks).
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  // index.html names the hashed assets of this build; it must be fetched again after an upgrade.
  'cache-control': 'no-cache',
};

/** Hashed file names change with their content, so a browser may keep them for a year. */
export const ASSET_CACHE = 'public, max-age=31536000, immutable';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};
