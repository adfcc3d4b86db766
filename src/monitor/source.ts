import { ConcordError } from '../errors/concord-error.js';
import { checkOutboundUrl } from '../exchange/outbound/outbound-url.js';
import { parseLabel, type Label } from '../taxonomy/labels.js';

/**
 * What a source is, which decides how its bytes are read:
 * - `feed`: RSS or Atom; items' links, enclosures and embedded media are followed.
 * - `activitypub`: an ActivityStreams outbox (OrderedCollection); attachments and linked media are followed.
 * - `html`: a page whose media (img, video, audio, source, embed, object) and same-host links are followed.
 * - `file`: a direct file URL, hashed as it is.
 */
export const SOURCE_KINDS = ['feed', 'activitypub', 'html', 'file'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** One entry of a node's allow-list of public sources it watches. Node-local configuration: never shared. */
export interface Source {
  readonly id: number;
  readonly url: string;
  readonly kind: SourceKind;
  /** Why this source is watched (for the audit log and the people reading finds). */
  readonly reason: string;
  /** The taxonomy label of what is expected there. */
  readonly label: Label;
  readonly intervalMs: number;
  /** 1: the page and what it links to; 2: also what linked pages link to; at most 3. */
  readonly depth: number;
  /** A site on this machine for tests: loopback addresses (only those) are allowed. */
  readonly localTestSite: boolean;
  readonly createdAt: string;
  readonly nextCheckAt: string;
  readonly lastCheckedAt: string | null;
  /** `CODE: message` of the last check's failure, or null. */
  readonly lastError: string | null;
}

export interface NewSource {
  readonly url: string;
  readonly kind: SourceKind;
  readonly reason: string;
  readonly label: string;
  readonly intervalMs?: number;
  readonly depth?: number;
  readonly localTestSite?: boolean;
}

export const MIN_INTERVAL_MS = 60_000;
export const DEFAULT_INTERVAL_MS = 60 * 60_000;

/** Checks a new source; anything unusable is SOURCE_INVALID (or LABEL_UNKNOWN) before anything is stored. */
export function validateNewSource(input: NewSource): Required<NewSource> & { label: Label } {
  let url: URL;
  try {
    url = checkOutboundUrl(input.url, 'the source URL');
  } catch (err) {
    throw new ConcordError('SOURCE_INVALID', (err as Error).message);
  }
  if (!SOURCE_KINDS.includes(input.kind)) throw new ConcordError('SOURCE_INVALID', `kind "${input.kind}": use one of ${SOURCE_KINDS.join(', ')}`);
  const label = parseLabel(input.label);
  if (!label.ok) throw new ConcordError(label.code, label.message);
  const reason = input.reason.trim();
  if (reason.length < 3) throw new ConcordError('SOURCE_INVALID', 'give a reason of at least 3 characters: why is this source watched?');
  const intervalMs = input.intervalMs ?? DEFAULT_INTERVAL_MS;
  if (!Number.isSafeInteger(intervalMs) || intervalMs < MIN_INTERVAL_MS) throw new ConcordError('SOURCE_INVALID', `the check interval must be at least ${MIN_INTERVAL_MS / 1000} s`);
  const depth = input.depth ?? 1;
  if (!Number.isInteger(depth) || depth < 1 || depth > 3) throw new ConcordError('SOURCE_INVALID', 'the depth must be 1, 2 or 3');
  return { url: url.href, kind: input.kind, reason, label: label.value, intervalMs, depth, localTestSite: input.localTestSite ?? false };
}
