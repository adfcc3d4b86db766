/** The periods (hours) a cluster's sightings are counted over: the API's default day, a week, a month. */
export const PERIODS = ['24', '168', '720'] as const;
export type Period = (typeof PERIODS)[number];

/** A period from the URL or a control; the default day for anything else. */
export const periodOf = (value: string | null | undefined): Period => PERIODS.find((p) => p === value) ?? PERIODS[0];
