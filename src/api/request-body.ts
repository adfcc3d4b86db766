import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ConcordError } from '../errors/concord-error.js';
import { ContentSource, type MediaPorts } from '../signals/content-source.js';

/** Validates a body by hand, for routes that take JSON or multipart. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`).join('; ');
  throw new ConcordError('REQUEST_INVALID', issues);
}

/** Reads the single uploaded file of a multipart request, with its text fields. */
export async function readUpload(request: FastifyRequest, media: MediaPorts, maxFileBytes: number): Promise<{ content: ContentSource; fields: Record<string, string> }> {
  const file = await request.file({ limits: { fileSize: maxFileBytes, files: 1, fields: 20 } });
  if (!file) throw new ConcordError('REQUEST_INVALID', 'the multipart body has no file part (name it "file")');
  const bytes = await file.toBuffer();
  const fields: Record<string, string> = {};
  for (const [name, field] of Object.entries(file.fields)) {
    const f = Array.isArray(field) ? field[0] : field;
    if (f && f.type === 'field') fields[name] = String(f.value);
  }
  return { content: new ContentSource(bytes, media), fields };
}
