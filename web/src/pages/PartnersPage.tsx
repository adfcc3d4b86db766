import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Partner } from '../api/types';
import { Content } from '../components/Content';
import { ErrorNote, Loading } from '../components/Status';
import { Time } from '../components/Time';
import { useLoad } from '../components/useLoad';

/** Partner organisations and, for partner nodes, how far this node's copy of their feed is behind. */
export default function PartnersPage() {
  const { t } = useTranslation();
  const partners = useLoad(() => api<{ partners: Partner[] }>('/v1/partners'), []);
  return (
    <>
      <h1>{t('partners.title')}</h1>
      {partners.loading && <Loading />}
      <ErrorNote error={partners.error} />
      {partners.data && (
        <table>
          <caption>{t('partners.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('partners.id')}</th>
              <th scope="col">{t('partners.name')}</th>
              <th scope="col">{t('partners.kind')}</th>
              <th scope="col">{t('partners.url')}</th>
              <th scope="col">{t('partners.lag')}</th>
              <th scope="col">{t('partners.lastSuccess')}</th>
              <th scope="col">{t('partners.lastError')}</th>
            </tr>
          </thead>
          <tbody>
            {partners.data.partners.map((p) => (
              <tr key={p.id}>
                <td>{p.id}</td>
                <td className="reason">
                  <Content text={p.name} />
                </td>
                <td>{p.kind}</td>
                <td className="reason">{p.url ? <Content text={p.url} /> : t('partners.none')}</td>
                <td>{p.sync ? p.sync.lag : t('partners.none')}</td>
                <td>{p.sync?.lastSuccessAt ? <Time iso={p.sync.lastSuccessAt} /> : t('partners.never')}</td>
                <td className="reason">{p.sync?.lastError ? <Content text={p.sync.lastError} /> : t('partners.none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
