/** Line colours, distinguishable on white and from each other (also for the common colour-vision deficiencies, mostly by lightness). */
const COLOURS = ['#1d4ed8', '#b45309', '#047857', '#a21caf', '#be123c', '#0e7490', '#4d7c0f', '#6d28d9', '#111827'];

export const seriesColour = (i: number): string => COLOURS[i % COLOURS.length]!;
