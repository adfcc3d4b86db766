/**
 * English titles of the pages reached from another page (the browser tab names them);
 * menu pages use their menu caption. zh.ts and ru.ts must have every key.
 */
export const titlesEn = {
  titles: { incident: 'Incident {{id}}', referral: 'Referral {{id}}', signal: 'Signal {{id}}', cluster: 'Cluster {{id}}', signalUnknown: 'No signal with this network id that your key may see.', notFound: 'Page not found', notFoundHelp: 'There is no page at this address, or your key may not open it.' },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type TitleMessages = Widen<typeof titlesEn>;
