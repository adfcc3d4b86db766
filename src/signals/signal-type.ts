import type { Result } from '../errors/result.js';
import type { SignalIndex } from '../index/signal-index.js';
import type { ContentSource, MediaPorts } from './content-source.js';
import type { ContentType } from './content-type.js';

/** Options a hasher may honour; a type ignores what does not apply to it. */
export interface HashOptions {
  /** Also compute rotated/mirrored variants where the type supports that (PDQ). */
  readonly dihedral?: boolean;
}

/** One signal computed from content. */
export interface HashedSignal {
  readonly type: string;
  /** The normalised value, a single token with no commas or whitespace. */
  readonly value: string;
  /** 0–100 where the type measures it. */
  readonly quality?: number;
  /** False when the value is too weak to match on (e.g. PDQ quality under 50); it is still reported. */
  readonly matchable: boolean;
  /** Extra fields printed with the signal, e.g. PDQ's `dihedral` map. */
  readonly details?: Readonly<Record<string, unknown>>;
  /**
   * How this value was taken from the content when that is worth saying on a match, e.g.
   * `soundtrack` for a video's audio; matches through the value itself carry it as `variant`.
   */
  readonly variant?: string;
  /** Further values to look up when matching this content, e.g. PDQ's rotations, each with its name (reported as the match's `variant`). */
  readonly alternates?: readonly { readonly name: string; readonly value: string }[];
}

/**
 * How specific a match is, most specific first: the same value, a near duplicate,
 * a registered prefix (URLs), a whole-domain entry. Matches are reported in this order.
 */
export const MATCH_SCOPES = ['exact', 'near', 'prefix', 'domain'] as const;
export type MatchScope = (typeof MATCH_SCOPES)[number];

/** The scope of a match at `distance` for a type: its own rule, or exact at 0 and near otherwise. */
export const scopeOf = (type: SignalType, distance: number): MatchScope => type.matchScope?.(distance) ?? (distance === 0 ? 'exact' : 'near');

/** Orders matches: most specific scope first, then nearest. */
export const byScopeThenDistance = (a: { scope: MatchScope; distance: number }, b: { scope: MatchScope; distance: number }): number =>
  MATCH_SCOPES.indexOf(a.scope) - MATCH_SCOPES.indexOf(b.scope) || a.distance - b.distance;

/**
 * A signal type that does not apply to this particular content, with the reason
 * (e.g. `text_minhash` on a short text: only the exact signal is meaningful).
 */
export interface SkippedSignal {
  readonly type: string;
  readonly skipped: string;
}

export const isSkipped = (s: HashedSignal | SkippedSignal): s is SkippedSignal => 'skipped' in s;

/**
 * A way of turning content into comparable values. Every type ships a brute-force
 * `distance`, and every fast index is tested against it.
 *
 * @example
 *   const pdq = registry.get('pdq');
 *   const v = pdq.validate('F8F8...');          // { ok: true, value: 'f8f8...' }
 *   pdq.distance(a, b) <= pdq.threshold;          // a match
 */
export interface SignalType {
  /** Stable wire name; a storage and sync key, never renamed once shipped. */
  readonly name: string;
  /** Content types this signal can be computed from. */
  readonly contentTypes: readonly ContentType[];
  /** Largest distance that still counts as a match (inclusive). */
  readonly threshold: number;
  /** Largest distance a query may ask for; beyond it the comparison means nothing. */
  readonly maxDistance: number;
  /** Normalises a signal string, or rejects it with a reason. */
  validate(raw: string): Result<string>;
  /** Brute-force distance between two validated values; the reference for every index. */
  distance(a: string, b: string): number;
  /** How specific a match at this distance is; absent: exact at 0, near otherwise. */
  matchScope?(distance: number): MatchScope;
  /** A fresh, empty index suited to this type. */
  createIndex(): SignalIndex;
  /**
   * Computes this signal from content, or says why it does not apply to this content.
   * Absent for types that cannot be hashed from content. Failures throw ConcordError.
   */
  hash?(content: ContentSource, options: HashOptions): Promise<HashedSignal | SkippedSignal>;
  /**
   * Optional: readies what `hash` will need from the ports (a decoder process started
   * ahead), so that the first content hashes as fast as the next. A serving node calls it
   * once it listens; it returns at once and reports nothing.
   */
  prepare?(ports: MediaPorts): void;
}
