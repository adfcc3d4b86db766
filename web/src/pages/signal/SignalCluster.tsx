import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/client';
import type { ClusterSummary } from '../../api/cluster-types';
import { Link } from '../../components/Link';
import { useLoad } from '../../components/useLoad';
import { clusterName, clusterPath } from '../clusters/cluster-links';

/** The early-warning cluster holding a signal (GET /v1/clusters?signal=), linked; a dash where there is none to show. */
export function SignalCluster({ uid }: { uid: string }) {
  const { t } = useTranslation();
  // A node without the early-warning module answers NOT_FOUND: the signal simply shows no cluster.
  const found = useLoad(() => api<{ clusters: ClusterSummary[] }>(`/v1/clusters${query({ signal: uid })}`).catch(() => ({ clusters: [] })), [uid]);
  const c = found.data?.clusters[0];
  if (!c) return <>—</>;
  return (
    <Link to={clusterPath(c.id)} className="value">
      {t('clusters.one', { id: clusterName(c.id) })} · {t('clusters.withSize', { count: c.size })}
    </Link>
  );
}
