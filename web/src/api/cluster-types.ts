/** Early-warning clusters as the public API returns them (GET /v1/clusters, /v1/clusters/{id}). */
export interface ClusterSurge {
  state: 'surging' | 'quiet' | 'unknown';
  episodes: number;
  baselinePerBucket: number | null;
  bucketMs: number | null;
  seenBy: string[];
}

export interface ClusterSummary {
  id: string;
  size: number;
  exampleSignalUid: string;
  incidents: string[];
  /** `here`: matches at this node, all time; `sightings`: matches per node over the asked hours. */
  matches: { here: number; sightings: Record<string, number> };
  surge: ClusterSurge;
}

export interface ClusterMember {
  uid: string;
  type: string;
  label: string;
  contributor: string;
  incidentId: string | null;
  status: string;
  matchCount: number;
}

export interface ClusterDetail extends ClusterSummary {
  signals: ClusterMember[];
  /** Matches per UTC hour and node (counts only). */
  hourly: { hour: string; node: string; count: number }[];
}
