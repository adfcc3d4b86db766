import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ConcordError } from '../../errors/concord-error.js';
import { ContentSource } from '../../signals/content-source.js';
import { hashContent } from '../../signals/hash-content.js';
import type { ApiDeps } from '../api-deps.js';
import { errorResponses, HashResultBody } from '../api-schemas.js';
import { parseBody, readUpload } from '../request-body.js';

const HashJson = z
  .object({ text: z.string().max(2_000_000).optional(), url: z.string().max(8192).optional(), dihedral: z.boolean().default(false) })
  .refine((b) => (b.text === undefined) !== (b.url === undefined), 'give exactly one of "text" or "url"');

/** POST /v1/hash: a file (multipart) or `{text}` / `{url}` in, its signals out. A URL is never fetched. */
export async function hashRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().post('/v1/hash', {
    schema: {
      summary: 'Hash content into signals',
      description: 'Multipart with a `file` part (and optional field `dihedral=true`), or JSON `{"text": "…"}` or `{"url": "…"}`. The node never fetches a URL it is given.',
      tags: ['match'],
      response: { 200: HashResultBody, ...errorResponses },
    },
    handler: async (request) => {
      let content: ContentSource;
      let dihedral = false;
      if (request.isMultipart()) {
        const upload = await readUpload(request, deps.media, deps.config.maxFileBytes);
        content = upload.content;
        dihedral = upload.fields.dihedral === 'true';
      } else {
        const body = parseBody(HashJson, request.body);
        dihedral = body.dihedral;
        content = body.text !== undefined ? ContentSource.fromText(body.text, deps.media) : ContentSource.fromUrl(body.url!, deps.media);
      }
      if (content.bytes.length === 0) throw new ConcordError('MEDIA_EMPTY');
      const { signals, skipped } = await hashContent(deps.registry, content, { dihedral });
      return {
        contentType: content.contentType,
        signals: signals.map((s) => ({ type: s.type, value: s.value, quality: s.quality, matchable: s.matchable, details: s.details as Record<string, unknown> | undefined })),
        skipped,
      };
    },
  });
}
