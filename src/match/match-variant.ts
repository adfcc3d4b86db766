/**
 * How a match was made, for the answer's `variant`: the query's alternate (`rot90`,
 * `dihedral:mirror`) and the index's own account (`window:centre-0.75`), joined by `+`.
 */
export const matchVariant = (lookup?: string, hit?: string): string | undefined => [lookup, hit].filter(Boolean).join('+') || undefined;
