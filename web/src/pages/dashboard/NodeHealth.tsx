import { useTranslation } from 'react-i18next';
import { Content } from '../../components/Content';
import { ErrorNote, Loading } from '../../components/Status';

export interface Health {
  status: string;
  problems: string[];
  index: Record<string, number>;
}

/** The node's health (GET /healthz) and the size of each signal type's index: the first figures on screen. */
export function NodeHealth({ health }: { health: { data: Health | undefined; error: unknown; loading: boolean } }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="health-h" className="card">
      <h2 id="health-h">{t('dashboard.health')}</h2>
      {health.loading ? <Loading /> : <ErrorNote error={health.error} />}
      {health.data && (
        <>
          <p>{t('dashboard.status', { status: health.data.status })}</p>
          {health.data.problems.length > 0 && (
            <ul aria-label={t('dashboard.problems')}>
              {health.data.problems.map((p) => (
                <li key={p}>
                  <Content text={p} />
                </li>
              ))}
            </ul>
          )}
          <table>
            <caption>{t('dashboard.index')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.type')}</th>
                <th scope="col">{t('dashboard.count')}</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(health.data.index).map(([type, n]) => (
                <tr key={type}>
                  <td>{type}</td>
                  <td>{n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
