import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ConcordError, toConcordError } from '../errors/concord-error.js';

/** Fastify's own error codes, mapped into the catalogue. */
const FASTIFY_CODES: Record<string, ConcordError['code']> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_REQ_FILE_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_FILES_LIMIT: 'BODY_TOO_LARGE',
  FST_PARTS_LIMIT: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'MEDIA_UNSUPPORTED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'REQUEST_INVALID',
  FST_ERR_CTP_INVALID_JSON_BODY: 'REQUEST_INVALID',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'REQUEST_INVALID',
  FST_ERR_VALIDATION: 'REQUEST_INVALID',
};

/** The one place errors become HTTP responses: `{"error": {"code", "message"}}`, never a stack. */
export function errorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  let coded: ConcordError;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => `${v.instancePath || '/'} ${v.message}`).join('; ');
    coded = new ConcordError('REQUEST_INVALID', `${err.validationContext ?? 'request'}: ${issues}`);
  } else if (err.code && FASTIFY_CODES[err.code]) {
    coded = new ConcordError(FASTIFY_CODES[err.code]!, err.message);
  } else if (!err.statusCode && /multipart|part header|boundary/i.test(err.message)) {
    coded = new ConcordError('REQUEST_INVALID', `malformed multipart body: ${err.message}`);
  } else if (err.statusCode === 429) {
    coded = new ConcordError('RATE_LIMITED', err.message);
  } else {
    coded = toConcordError(err);
  }
  if (coded.code === 'INTERNAL') request.log.error({ err }, 'internal error');
  else request.log.info({ code: coded.code }, coded.message);
  void reply.status(coded.status).send({ error: coded.toJSON() });
}
