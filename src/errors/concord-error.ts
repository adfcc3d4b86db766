import type { ExitCode } from './exit-code.js';
import { ERROR_CATALOGUE, type ErrorCode } from './error-catalogue.js';

/** A domain error with a stable code from the catalogue and a one-line human message. */
export class ConcordError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** The CLI exit code when this error stops a command. */
  readonly exit: ExitCode;

  constructor(code: ErrorCode, message?: string, options?: { cause?: unknown }) {
    super(message ?? ERROR_CATALOGUE[code].summary, options);
    this.name = 'ConcordError';
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.exit = ERROR_CATALOGUE[code].exit;
  }

  toJSON(): { code: ErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

/** Maps anything thrown to a coded error, so callers never print a stack trace. */
export function toConcordError(err: unknown): ConcordError {
  if (err instanceof ConcordError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new ConcordError('INTERNAL', message.split('\n')[0], { cause: err });
}
