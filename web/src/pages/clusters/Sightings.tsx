import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/me-context';

/** Matches per node over the period, this node first; a dash when nobody counted any. */
export function Sightings({ sightings }: { sightings: Readonly<Record<string, number>> }) {
  const { t } = useTranslation();
  const me = useMe();
  const nodes = Object.keys(sightings).sort((a, b) => (a === me.node ? -1 : b === me.node ? 1 : a.localeCompare(b)));
  if (nodes.length === 0) return <>{t('clusters.none')}</>;
  return (
    <ul className="plain">
      {nodes.map((n) => (
        <li key={n}>
          {n === me.node ? t('clusters.thisNode') : n}: {sightings[n]}
        </li>
      ))}
    </ul>
  );
}
