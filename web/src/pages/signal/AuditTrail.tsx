import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../api/types';
import { Content } from '../../components/Content';
import { Time } from '../../components/Time';

/** Audit entries as a table; details are shown as inert JSON text. */
export function AuditTrail({ entries, caption }: { entries: AuditEntry[]; caption?: string }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-label={caption ?? t('signal.audit')}>
      {!caption && <h2>{t('signal.audit')}</h2>}
      <table className="audit">
        <caption>{caption ?? t('signal.audit')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.seq')}</th>
            <th scope="col">{t('audit.at')}</th>
            <th scope="col">{t('audit.actor')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.subject')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq}>
              <td>{e.seq}</td>
              <td>
                <Time iso={e.at} />
              </td>
              <td>
                {e.actorPartner}
                {e.actorKey ? ` · ${e.actorKey}` : ''}
              </td>
              <td>{e.action}</td>
              <td className="reason">
                {e.subjectType} {e.subjectId} <Content text={JSON.stringify(e.details)} className="details" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
