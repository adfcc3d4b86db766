/** Commander's argument parser for a repeatable flag: each use adds one value. */
export const collect = (value: string, previous: string[]): string[] => [...previous, value];
