import { ConcordError } from '../../errors/concord-error.js';
import { TaxiiEnvelope } from '../stix/stix-schema.js';
import { TAXII_MEDIA_TYPE } from './taxii-media.js';
import { outboundHttp, type HttpClient } from '../outbound/outbound-http.js';
import { checkOutboundUrl } from '../outbound/outbound-url.js';

/** One page as fetched: the objects (unvalidated) and the date-added range the server reported. */
export interface FetchedPage {
  readonly objects: readonly unknown[];
  readonly dateAddedLast?: string;
}

export interface TaxiiClientOptions {
  /** The collection's URL, ending in `/collections/<id>/`. */
  readonly collectionUrl: string;
  /** Sent as `Authorization: Bearer <key>`. */
  readonly apiKey: string;
  readonly addedAfter?: string;
  readonly pageSize?: number;
  /** The HTTP client (http(s) only, no redirects): `outboundHttp()` unless the composition root or a test gives one. */
  readonly http?: HttpClient;
}

/**
 * Pages through a TAXII 2.1 collection's objects, following `next` until `more` is false.
 * Every response is checked: a non-2xx status, a body that is not a TAXII envelope, or a
 * server that says `more` without a `next` fail with TAXII_REQUEST_FAILED.
 *
 * @example
 *   for await (const page of fetchCollection({ collectionUrl: 'http://host/taxii2/api/collections/<id>/', apiKey })) {
 *     console.log(page.objects.length);
 *   }
 */
export async function* fetchCollection(options: TaxiiClientOptions): AsyncGenerator<FetchedPage> {
  const doFetch = options.http ?? outboundHttp();
  const collection = checkOutboundUrl(options.collectionUrl, 'the TAXII collection URL').href;
  const base = new URL('objects/', collection.endsWith('/') ? collection : `${collection}/`);
  let next: string | undefined;
  for (let pages = 0; ; pages++) {
    if (pages > 1_000_000) throw new ConcordError('TAXII_REQUEST_FAILED', 'the server kept saying "more" for a million pages');
    const url = new URL(base);
    if (options.addedAfter) url.searchParams.set('added_after', options.addedAfter);
    if (options.pageSize) url.searchParams.set('limit', String(options.pageSize));
    if (next) url.searchParams.set('next', next);
    let res: Response;
    try {
      res = await doFetch(url, { headers: { accept: TAXII_MEDIA_TYPE, authorization: `Bearer ${options.apiKey}` } });
    } catch (err) {
      if (err instanceof ConcordError) throw err;
      throw new ConcordError('TAXII_REQUEST_FAILED', `${url.origin}: ${(err as Error).message}`, { cause: err });
    }
    const text = await res.text();
    if (!res.ok) throw new ConcordError('TAXII_REQUEST_FAILED', `${url.pathname}: HTTP ${res.status}: ${text.slice(0, 300)}`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new ConcordError('TAXII_REQUEST_FAILED', `${url.pathname}: the answer is not JSON`);
    }
    const envelope = TaxiiEnvelope.safeParse(body);
    if (!envelope.success) throw new ConcordError('TAXII_REQUEST_FAILED', `${url.pathname}: not a TAXII envelope: ${envelope.error.issues[0]!.message}`);
    const dateAddedLast = res.headers.get('x-taxii-date-added-last') ?? undefined;
    yield { objects: envelope.data.objects ?? [], ...(dateAddedLast ? { dateAddedLast } : {}) };
    if (!envelope.data.more) return;
    if (!envelope.data.next) throw new ConcordError('TAXII_REQUEST_FAILED', `${url.pathname}: "more" is true but there is no "next"`);
    next = envelope.data.next;
  }
}
