import { useTranslation } from 'react-i18next';
import type { ClusterSurge } from '../../api/cluster-types';

/** A cluster's surge state in words (a surge also in colour, never by colour alone). */
export function SurgeState({ state }: { state: ClusterSurge['state'] }) {
  const { t } = useTranslation();
  return <span className={`surge-state ${state}`}>{t(`clusters.states.${state}`, { defaultValue: state })}</span>;
}
