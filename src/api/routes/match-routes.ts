import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SIGNAL_STATUSES } from '../../domain/signal-record.js';
import { ConcordError } from '../../errors/concord-error.js';
import type { MatchQuery } from '../../match/match-service.js';
import { hashContent } from '../../signals/hash-content.js';
import { ViewerReads } from '../../access/viewer-reads.js';
import type { ApiDeps } from '../api-deps.js';
import { errorResponses, MatchResultsBody, SignalQuery } from '../api-schemas.js';
import { parseBody, readUpload } from '../request-body.js';

const MatchJson = z.object({
  signals: z.array(SignalQuery).min(1),
  /** Statuses to match besides `active`, e.g. ["disputed"] for review work. */
  include: z.array(z.enum(SIGNAL_STATUSES)).default([]),
});

/** POST /v1/match: "is this known?" for up to maxMatchBatch signals, or for an uploaded file. */
export async function matchRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const reads = new ViewerReads(deps.store, deps.selfPartner);
  app.withTypeProvider<ZodTypeProvider>().post('/v1/match', {
    schema: {
      summary: 'Match signals or a file against the known signals',
      description:
        'JSON `{"signals": [{"type", "value"}], "include": ["disputed"]?}` (up to the batch limit, 1000 by default), or multipart with a `file` part (fields: `dihedral=true`, `include=disputed,retracted`). Disputed and retracted signals match only when `include` names them. Every match is counted per signal; nothing about the requester is kept.',
      tags: ['match'],
      response: { 200: MatchResultsBody, ...errorResponses },
    },
    // The hot path: results are built from typed records, so skip re-validating them with
    // zod on the way out (the schema still documents the response in OpenAPI).
    serializerCompiler: () => (data) => JSON.stringify(data),
    handler: async (request) => {
      let queries: MatchQuery[];
      let include: string[];
      let uploaded: { type: string; value: string }[] | undefined;
      if (request.isMultipart()) {
        const upload = await readUpload(request, deps.media, deps.config.maxFileBytes);
        const { signals } = await hashContent(deps.registry, upload.content, { dihedral: upload.fields.dihedral === 'true' });
        queries = signals.filter((s) => s.matchable).map((s) => ({ type: s.type, value: s.value, variant: s.variant, alternates: s.alternates }));
        uploaded = signals.map((s) => ({ type: s.type, value: s.value }));
        include = parseBody(z.array(z.enum(SIGNAL_STATUSES)), upload.fields.include ? upload.fields.include.split(',') : []);
      } else {
        const body = parseBody(MatchJson, request.body);
        if (body.signals.length > deps.config.maxMatchBatch) {
          throw new ConcordError('BODY_TOO_LARGE', `${body.signals.length} signals in one request; the limit is ${deps.config.maxMatchBatch}`);
        }
        queries = deps.matcher.validate(body.signals);
        include = body.include;
      }
      // A partner organisation's key gets only matches on signals it may see.
      const viewer = await reads.viewerOf(request);
      const results = await reads.matches(viewer, await deps.matcher.match(queries, ['active', ...(include as never[])]));
      // Action rules and new-variant candidates (src/coordination/): on what this viewer may see only.
      await deps.earlyWarning?.afterMatch(viewer, results, uploaded);
      for (const r of results) {
        deps.metrics.queries.inc({ type: r.query.type });
        for (const m of r.matches) deps.metrics.matches.inc({ type: m.type, label: m.label });
      }
      return { results };
    },
  });
}
