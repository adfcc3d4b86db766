/** The three media kinds the robustness bench transforms. */
export type MediaKind = 'image' | 'video' | 'audio';

/** The transform name of an untouched original. */
export const ORIGINAL = 'original';

/** One generated file: an original, or a transformed copy of one (`transform` names how). */
export interface MediaItem {
  readonly kind: MediaKind;
  /** Name of the original this item comes from. */
  readonly original: string;
  readonly transform: string;
  readonly bytes: Uint8Array;
}

/** A transformation of one kind of media, applied to every original of that kind. */
export interface Transform<Input> {
  readonly name: string;
  /** What the transform does, for the report. */
  readonly description: string;
  apply(input: Input): Promise<Uint8Array>;
}
