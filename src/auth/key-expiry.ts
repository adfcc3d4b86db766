import { fail, ok, type Result } from '../errors/result.js';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * Reads a key's expiry as given on the command line: an ISO 8601 time with its zone
 * (`2027-01-31T00:00:00Z`) or a duration from now (`90m`, `12h`, `30d`). Returns the ISO
 * time, which must lie in the future.
 *
 * @example
 *   parseKeyExpiry('30d', Date.parse('2027-01-01T00:00:00Z')) // ok('2027-01-31T00:00:00.000Z')
 */
export function parseKeyExpiry(raw: string, nowMs: number): Result<string> {
  const duration = /^(\d{1,6})([mhd])$/.exec(raw.trim());
  const at = duration ? nowMs + Number(duration[1]) * UNIT_MS[duration[2] as keyof typeof UNIT_MS] : isoWithZone(raw) ? Date.parse(raw) : NaN;
  if (!Number.isFinite(at)) return fail('USAGE_INVALID', `expiry "${raw}" is neither an ISO time with a zone (2027-01-31T00:00:00Z) nor a duration (90m, 12h, 30d)`);
  return futureExpiry(at, nowMs);
}

/** Checks an expiry (ms since the epoch) lies after `nowMs`, and gives it as an ISO time. */
export function futureExpiry(atMs: number, nowMs: number): Result<string> {
  if (!(atMs > nowMs)) return fail('REQUEST_INVALID', `the expiry ${new Date(atMs).toISOString()} is not in the future`);
  return ok(new Date(atMs).toISOString());
}

const isoWithZone = (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s.trim());
