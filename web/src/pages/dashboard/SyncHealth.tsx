import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Partner } from '../../api/types';
import { Content } from '../../components/Content';
import { ErrorNote } from '../../components/Status';
import { Time } from '../../components/Time';
import { useLoad } from '../../components/useLoad';

/** Partner nodes this node pulls from, with how far behind each is and its last error (GET /v1/partners). */
export function SyncHealth() {
  const { t } = useTranslation();
  const partners = useLoad(() => api<{ partners: Partner[] }>('/v1/partners'), []);
  return (
    <section aria-labelledby="sync-h" className="card">
      <h2 id="sync-h">{t('dashboard.sync')}</h2>
      <ErrorNote error={partners.error} />
      {partners.data && <SyncList partners={partners.data.partners.filter((p) => p.kind === 'partner' && p.url)} />}
    </section>
  );
}

function SyncList({ partners }: { partners: Partner[] }) {
  const { t } = useTranslation();
  if (partners.length === 0) return <p>{t('dashboard.noPartners')}</p>;
  return (
    <ul>
      {partners.map((p) => (
        <li key={p.id}>
          <Content text={p.name} />: {t('partners.lag')} {p.sync?.lag ?? '—'}, {t('partners.lastSuccess')} <Time iso={p.sync?.lastSuccessAt} />
          {p.sync?.lastError && (
            <>
              {' '}
              · <Content text={p.sync.lastError} />
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
