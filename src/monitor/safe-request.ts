import { lookup as dnsLookup } from 'node:dns/promises';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction, type Socket } from 'node:net';
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { ConcordError, toConcordError } from '../errors/concord-error.js';
import { checkAddress } from './address-guard.js';

/** One HTTP GET as the monitor makes it: one hop, no redirect followed (the caller decides). */
export interface SafeRequest {
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly localTestSite: boolean;
  /** Largest body, both as sent and after decompression. */
  readonly maxBytes: number;
  readonly timeoutMs: number;
}

export interface SafeResponse {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  /** The body of a 2xx answer; empty for any other status (never read). */
  readonly body: Buffer;
}

/**
 * Resolves the host, refuses it if ANY of its addresses is special-use (so a name that
 * answers with both a public and a private address cannot be used to reach the private
 * one), and returns the one address the connection is then pinned to: DNS is asked once,
 * so a second answer (DNS rebinding) never reaches the socket.
 */
async function pinnedAddress(url: URL, localTestSite: boolean): Promise<{ address: string; family: number }> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    checkAddress(host, localTestSite, host);
    return { address: host, family: isIP(host) };
  }
  let answers: { address: string; family: number }[];
  try {
    answers = await dnsLookup(host, { all: true, verbatim: true });
  } catch (err) {
    throw new ConcordError('SOURCE_UNREACHABLE', `${host} does not resolve (${(err as NodeJS.ErrnoException).code ?? 'DNS error'})`);
  }
  if (answers.length === 0) throw new ConcordError('SOURCE_UNREACHABLE', `${host} has no address`);
  for (const a of answers) checkAddress(a.address, localTestSite, host);
  return answers[0]!;
}

/**
 * Connections are kept open between requests to a host: a re-check of an unchanged site is
 * mostly 304s, which would otherwise each pay for a new connection. A kept connection was
 * checked when it connected (the pinned address), so reusing it needs no new check.
 */
const agents = { http: new HttpAgent({ keepAlive: true, maxSockets: 8, maxFreeSockets: 8, timeout: 30_000 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 8, maxFreeSockets: 8, timeout: 30_000 }) };

function decoderFor(encoding: string | undefined): Transform | undefined {
  const e = (encoding ?? 'identity').trim().toLowerCase();
  if (e === 'identity' || e === '') return undefined;
  if (e === 'gzip' || e === 'x-gzip') return createGunzip();
  if (e === 'deflate') return createInflate();
  if (e === 'br') return createBrotliDecompress();
  throw new ConcordError('SOURCE_CONTENT_MISMATCH', `the answer is encoded as "${e}", which the monitor did not ask for`);
}

/**
 * One GET with every limit applied: the address checked after DNS and pinned, one
 * deadline for headers and body, the body cut off past `maxBytes` as sent
 * (SOURCE_TOO_LARGE) and as decompressed (SOURCE_DECOMPRESSION_LIMIT), bodies of
 * non-2xx answers never read.
 */
export async function safeRequest(req: SafeRequest): Promise<SafeResponse> {
  const pinned = await pinnedAddress(req.url, req.localTestSite);
  const lookup: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  const https = req.url.protocol === 'https:';
  const host = req.url.hostname.replace(/^\[|\]$/g, '');
  return new Promise<SafeResponse>((resolve, reject) => {
    let settled = false;
    const chunks: Buffer[] = [];
    let decoder: Transform | undefined;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      decoder?.destroy();
      request.destroy();
      reject(toConcordError(err));
    };
    const timer = setTimeout(() => fail(new ConcordError('SOURCE_TIMEOUT', `${req.url.host} did not answer in full within ${req.timeoutMs} ms`)), req.timeoutMs);
    const options = {
      protocol: req.url.protocol,
      hostname: host,
      port: req.url.port || (https ? 443 : 80),
      path: `${req.url.pathname}${req.url.search}`,
      method: 'GET',
      headers: { ...req.headers, host: req.url.host },
      lookup,
      agent: https ? agents.https : agents.http,
      ...(https && !isIP(host) ? { servername: host } : {}),
    };
    const request = (https ? httpsRequest : httpRequest)(options, (res) => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status >= 300) {
        settled = true;
        clearTimeout(timer);
        // A 304 has no body: the connection goes back to the pool. Any other body is never read.
        if (status === 304) res.resume();
        else {
          res.destroy();
          request.destroy();
        }
        resolve({ status, headers: res.headers, body: Buffer.alloc(0) });
        return;
      }
      const declared = Number(res.headers['content-length']);
      if (!res.headers['content-encoding'] && Number.isFinite(declared) && declared > req.maxBytes) {
        fail(new ConcordError('SOURCE_TOO_LARGE', `${req.url.host} announced ${declared} bytes; the limit is ${req.maxBytes}`));
        return;
      }
      try {
        decoder = decoderFor(res.headers['content-encoding']);
      } catch (err) {
        fail(err);
        return;
      }
      let sent = 0;
      let kept = 0;
      const finish = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ status, headers: res.headers, body: Buffer.concat(chunks, kept) });
      };
      const take = (chunk: Buffer) => {
        if (settled) return;
        kept += chunk.length;
        if (kept > req.maxBytes) {
          fail(new ConcordError(decoder ? 'SOURCE_DECOMPRESSION_LIMIT' : 'SOURCE_TOO_LARGE', decoder ? `the answer of ${req.url.host} expands past ${req.maxBytes} bytes` : `the answer of ${req.url.host} is over ${req.maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      };
      res.on('data', (chunk: Buffer) => {
        sent += chunk.length;
        if (sent > req.maxBytes) fail(new ConcordError('SOURCE_TOO_LARGE', `the answer of ${req.url.host} is over ${req.maxBytes} bytes as sent`));
        else if (decoder) decoder.write(chunk);
        else take(chunk);
      });
      res.on('end', () => (decoder ? decoder.end() : finish()));
      res.on('error', (err) => fail(new ConcordError('SOURCE_UNREACHABLE', `${req.url.host} broke off the answer (${(err as NodeJS.ErrnoException).code ?? err.message})`)));
      res.on('close', () => {
        if (!res.complete) fail(new ConcordError('SOURCE_UNREACHABLE', `${req.url.host} closed the connection before the answer ended`));
      });
      decoder?.on('data', take);
      decoder?.on('end', finish);
      decoder?.on('error', () => fail(new ConcordError('SOURCE_CONTENT_MISMATCH', `the compressed answer of ${req.url.host} is corrupt`)));
    });
    // Belt and braces: the socket must be connected to the address that was checked.
    request.on('socket', (socket: Socket) => {
      const verify = () => {
        try {
          if (socket.remoteAddress) checkAddress(socket.remoteAddress, req.localTestSite, host);
        } catch (err) {
          fail(err);
        }
      };
      // A kept-alive socket was verified when it connected; check it again anyway, it is cheap.
      if (socket.connecting) socket.once('connect', verify);
      else verify();
    });
    request.on('error', (err) => fail(err instanceof ConcordError ? err : new ConcordError('SOURCE_UNREACHABLE', `${req.url.host}: ${(err as NodeJS.ErrnoException).code ?? err.message}`)));
    request.end();
  });
}
