/**
 * Process exit codes of `concord`, one small enum for every command. The error catalogue
 * gives each code the exit it causes when it stops a command (src/errors/error-catalogue.ts).
 */
export const ExitCode = {
  OK: 0,
  /** Some inputs failed (each reported with its error code); the others were processed. */
  INPUT_FAILED: 1,
  /** A user error: the command line, an input list, a key or an id was not usable; nothing was processed. */
  USAGE: 2,
  /** Something outside Concord failed (a decoder, a database, a partner). */
  DEPENDENCY: 3,
  /** A bug: an unexpected internal error. */
  INTERNAL: 4,
  /** Stored data failed an integrity check (the audit chain does not verify): investigate tampering. */
  INTEGRITY: 5,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
