import { ConcordError } from '../../errors/concord-error.js';

/**
 * The opaque `next` of a TAXII page: where the following page starts, as the signal's
 * (updated_at, id) and the index of its first object not yet served. It holds no
 * filter: the client repeats its filters with `next`, as TAXII 2.1 asks.
 */
export interface TaxiiCursor {
  readonly updatedAt: string;
  readonly id: number;
  readonly part: number;
}

export const encodeCursor = (c: TaxiiCursor): string => Buffer.from(JSON.stringify([c.updatedAt, c.id, c.part])).toString('base64url');

export function decodeCursor(raw: string): TaxiiCursor {
  try {
    const [updatedAt, id, part] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (typeof updatedAt === 'string' && !Number.isNaN(Date.parse(updatedAt)) && Number.isSafeInteger(id) && Number.isSafeInteger(part) && (part as number) >= 0) {
      return { updatedAt, id: id as number, part: part as number };
    }
  } catch {
    // fall through to the coded error
  }
  throw new ConcordError('REQUEST_INVALID', 'next: not a cursor this server issued; start again without it');
}
