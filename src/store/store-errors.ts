import { ConcordError } from '../errors/concord-error.js';

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH',
  '57P01', '57P02', '57P03', // PostgreSQL shutdown / cannot connect now
  '08000', '08001', '08003', '08004', '08006', // PostgreSQL connection exceptions
  'SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_IOERR', 'SQLITE_CANTOPEN', 'SQLITE_FULL',
]);

/** Maps driver errors to coded ones: duplicates to CONFLICT, lost databases to STORE_UNAVAILABLE. */
export function mapStoreError(err: unknown): ConcordError {
  if (err instanceof ConcordError) return err;
  const e = err as { code?: string; message?: string; constraint?: string };
  const code = e?.code ?? '';
  const message = String(e?.message ?? err).split('\n')[0]!;
  if (code === '23505' || code.startsWith('SQLITE_CONSTRAINT_UNIQUE') || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new ConcordError('CONFLICT', `already exists: ${message}`, { cause: err });
  }
  if (UNAVAILABLE_CODES.has(code) || code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_BUSY') || /Connection terminated|connect|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message)) {
    return new ConcordError('STORE_UNAVAILABLE', `database unavailable: ${message}`, { cause: err });
  }
  return new ConcordError('INTERNAL', `database error: ${message}`, { cause: err });
}
