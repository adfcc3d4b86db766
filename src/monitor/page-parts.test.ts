import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConcordError } from '../errors/concord-error.js';
import { activityPubParts } from './activitypub-links.js';
import { feedParts } from './feed-links.js';
import { htmlParts } from './html-links.js';

const code = (fn: () => unknown) => {
  try {
    fn();
    return 'no error';
  } catch (err) {
    return err instanceof ConcordError ? err.code : String(err);
  }
};

test('HTML: media, download links and pages, resolved against <base>; script, comments and non-http links ignored; visible text', () => {
  const parts = htmlParts(
    `<base href="https://cdn.example/x/"><!-- <img src="c.jpg"> --><img src='a.jpg' data-src="b.jpg"><video poster=p.jpg><source src="v.mp4"></video>
     <a href="../page?id=1#top">p</a><a href="files/doc.PDF">d</a><a href="javascript:alert(1)">j</a><a href="mailto:x@y">m</a><script>document.write('<img src=s.jpg>')</script><p>Hello &amp; goodbye</p>`,
    'https://site.example/t/1',
  );
  assert.deepEqual(parts.media.sort(), ['https://cdn.example/x/a.jpg', 'https://cdn.example/x/b.jpg', 'https://cdn.example/x/files/doc.PDF', 'https://cdn.example/x/p.jpg', 'https://cdn.example/x/v.mp4']);
  assert.deepEqual(parts.links, ['https://cdn.example/page?id=1']);
  assert.match(parts.text, /Hello & goodbye/);
  assert.doesNotMatch(parts.text, /document\.write/);
});

test('Atom: entry links, enclosures and embedded media; a feed cut off or not a feed is SOURCE_FEED_MALFORMED', () => {
  const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="/e/1"/><link rel="enclosure" href="/f/1.mp3"/><content type="html">&lt;img src="/i/1.png"&gt; words</content></entry></feed>`;
  const parts = feedParts(atom, 'https://site.example/atom');
  assert.deepEqual(parts.links, ['https://site.example/e/1']);
  assert.deepEqual(parts.media.sort(), ['https://site.example/f/1.mp3', 'https://site.example/i/1.png']);
  assert.equal(parts.texts[0]!.url, 'https://site.example/e/1');
  assert.equal(code(() => feedParts(atom.slice(0, -10), 'https://site.example/atom')), 'SOURCE_FEED_MALFORMED');
  assert.equal(code(() => feedParts('<html><body>not a feed</body></html>', 'https://site.example/atom')), 'SOURCE_FEED_MALFORMED');
});

test('ActivityPub: a collection whose items are on another page gives that page; bad JSON or another type is SOURCE_FEED_MALFORMED', () => {
  const parts = activityPubParts(JSON.stringify({ '@context': 'https://www.w3.org/ns/activitystreams', type: 'OrderedCollection', first: 'https://social.example/outbox?page=1' }), 'https://social.example/outbox');
  assert.deepEqual(parts.links, ['https://social.example/outbox?page=1']);
  assert.equal(code(() => activityPubParts('{"type": "OrderedCollection",', 'https://social.example/outbox')), 'SOURCE_FEED_MALFORMED');
  assert.equal(code(() => activityPubParts('{"type": "Person"}', 'https://social.example/outbox')), 'SOURCE_FEED_MALFORMED');
});
