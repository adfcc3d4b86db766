import { useTranslation } from 'react-i18next';
import type { Incident } from '../../api/types';
import { Link } from '../../components/Link';

/**
 * The signals linked at declaration, by their network-wide ids, and a link to the signals
 * page filtered on this incident (signals submitted under it carry its id).
 */
export function LinkedSignals({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="lsignals-h">
      <h2 id="lsignals-h">{t('incidents.signals')}</h2>
      {incident.signalUids.length === 0 ? (
        <p>{t('incidents.noSignals')}</p>
      ) : (
        <ul>
          {incident.signalUids.map((uid) => (
            <li key={uid}>
              <code>{uid}</code>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={`/signals?incident=${encodeURIComponent(incident.id)}`}>{t('incidents.browseSignals')}</Link>
      </p>
    </section>
  );
}
