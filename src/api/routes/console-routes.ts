import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { ConcordError } from '../../errors/concord-error.js';
import type { ApiDeps } from '../api-deps.js';
import { ConsoleFiles } from '../console/console-files.js';
import { ASSET_CACHE, PAGE_HEADERS } from '../console/console-headers.js';

/**
 * The web console: its page at `/` (and, through the not-found handler, at every client-side
 * route) and its hashed assets under `/assets/`. It speaks only the public API, like any client.
 */
export async function consoleRoutes(app: FastifyInstance, _deps: ApiDeps, files: ConsoleFiles = ConsoleFiles.load()): Promise<void> {
  app.get('/', { schema: { hide: true } }, async (_request, reply) => sendPage(reply, files));
  app.get('/assets/*', { schema: { hide: true, params: z.object({ '*': z.string() }) } }, async (request, reply) => {
    const file = files.asset((request.params as { '*': string })['*']);
    if (!file) throw new ConcordError('NOT_FOUND', `no console asset ${request.url}`);
    return reply.header('content-type', file.contentType).header('cache-control', ASSET_CACHE).header('x-content-type-options', 'nosniff').send(file.body);
  });
}

/** Sends the console's page; NOT_FOUND when the package was built without it. */
export function sendPage(reply: FastifyReply, files: ConsoleFiles): FastifyReply {
  if (!files.index) throw new ConcordError('NOT_FOUND', 'the web console is not built (npm run build builds it)');
  return reply.headers(PAGE_HEADERS).type('text/html; charset=utf-8').send(files.index);
}
