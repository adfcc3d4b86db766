import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ConcordError } from '../errors/concord-error.js';
import { ContentSource, type MediaPorts } from '../signals/content-source.js';
import { reservationOf, type UploadReservation } from './upload-budget.js';

/** Validates a body by hand, for routes that take JSON or multipart. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`).join('; ');
  throw new ConcordError('REQUEST_INVALID', issues);
}

/** Multipart framing around the file (boundaries, part headers, small fields) allowed beyond the file's limit. */
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * Reads the single uploaded file of a multipart request, with its text fields. The file
 * streams into one buffer sized by the declared length, reserved up front from the
 * node's upload budget (upload-budget.ts), so an upload over the limit or the budget is
 * refused before its bytes are held, and the file is never held twice.
 */
export async function readUpload(request: FastifyRequest, media: MediaPorts, maxFileBytes: number): Promise<{ content: ContentSource; fields: Record<string, string> }> {
  const reservation = reservationOf(request);
  const limit = Math.min(maxFileBytes, reservation?.budget.capacity ?? Infinity);
  const declared = Number(request.headers['content-length']);
  const known = Number.isSafeInteger(declared) && declared > 0;
  if (known && declared > limit + MULTIPART_OVERHEAD) {
    throw new ConcordError('BODY_TOO_LARGE', `the upload is ${declared} bytes; the limit is ${limit}`);
  }
  if (known) reservation?.cover(declared);
  const file = await request.file({ limits: { fileSize: limit, files: 1, fields: 20 } });
  if (!file) throw new ConcordError('REQUEST_INVALID', 'the multipart body has no file part (name it "file")');
  const bytes = await readFileStream(file.file, limit, known ? Math.min(declared, limit) : undefined, reservation);
  const fields: Record<string, string> = {};
  for (const [name, field] of Object.entries(file.fields)) {
    const f = Array.isArray(field) ? field[0] : field;
    if (f && f.type === 'field') fields[name] = String(f.value);
  }
  return { content: new ContentSource(bytes, media), fields };
}

async function readFileStream(stream: AsyncIterable<Buffer> & { truncated?: boolean }, limit: number, sizeHint: number | undefined, reservation: UploadReservation | undefined): Promise<Buffer> {
  const tooLarge = () => new ConcordError('BODY_TOO_LARGE', `the uploaded file is over the limit of ${limit} bytes`);
  let into = sizeHint !== undefined ? Buffer.allocUnsafe(sizeHint) : undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    if (size + chunk.length > limit || stream.truncated) throw tooLarge();
    if (!into) reservation?.cover(size + chunk.length);
    if (into && size + chunk.length <= into.length) chunk.copy(into, size);
    else {
      // Only without a declared length (or a body longer than declared): keep the chunks.
      if (into) chunks.push(into.subarray(0, size));
      into = undefined;
      chunks.push(chunk);
    }
    size += chunk.length;
  }
  if (stream.truncated) throw tooLarge();
  return into ? into.subarray(0, size) : Buffer.concat(chunks, size);
}
