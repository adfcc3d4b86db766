/**
 * English messages of the early-warning clusters pages: the reference set; zh.ts and ru.ts
 * must have every key (the type checks it). Merged into the console's messages by i18n.ts.
 */
export const clustersEn = {
  nav: { clusters: 'Clusters' },
  clusters: {
    title: 'Clusters', intro: 'Signals joined by near-matches or by a shared incident, biggest first.', filters: 'Filters', minSize: 'Smallest size (signals)', surge: 'Surge state', any: 'Any', apply: 'Apply',
    period: 'Counted over', periods: { '24': 'the last 24 hours', '168': 'the last 7 days', '720': 'the last 30 days' },
    caption: 'Clusters ({{count}})', empty: 'No cluster matches these filters.', cluster: 'Cluster', size: 'Signals', example: 'Example signal', incidents: 'Incidents', matchesHere: 'Matches here (all time)', sightings: 'Matches in the period, per node',
    states: { surging: 'surging', quiet: 'quiet', unknown: 'not counted yet' },
    withSize_one: '{{count}} signal', withSize: '{{count}} signals', one: 'Cluster {{id}}', all: 'All clusters', summary: 'Summary', id: 'Cluster id', episodes: 'Surge episodes', baseline: 'Usual matches per {{minutes}} min', seenBy: 'Nodes matching it', thisNode: 'this node', none: '—',
    members: 'Member signals', membersCaption: 'Member signals ({{count}})', noIncidents: 'No incident joins these signals.',
    hourly: 'Matches per hour', hourlyChart: 'Matches per hour, one line per node', hourlyTable: 'Matches per hour, per node', hour: 'Hour (UTC start)', noHourly: 'No matches counted in this period.', total: 'Total',
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type ClusterMessages = Widen<typeof clustersEn>;
