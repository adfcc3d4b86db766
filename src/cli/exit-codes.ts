/** Process exit codes of `concord`, one small enum for every command. */
export const ExitCode = {
  OK: 0,
  /** Some inputs failed (each reported with its error code); the others were processed. */
  INPUT_FAILED: 1,
  /** The command line or an input list was not usable; nothing was processed. */
  USAGE: 2,
  /** Something outside Concord failed (a decoder, a database, a partner). */
  DEPENDENCY: 3,
  /** A bug: an unexpected internal error. */
  INTERNAL: 4,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
