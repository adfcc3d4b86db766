import { useTranslation } from 'react-i18next';
import type { Signal } from '../api/types';
import { Content } from './Content';
import { Link } from './Link';

/** Signals as a table; each id links to the signal's page. */
export function SignalTable({ signals, caption }: { signals: Signal[]; caption: string }) {
  const { t } = useTranslation();
  return (
    <table className="signals">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('signals.id')}</th>
          <th scope="col">{t('signals.type')}</th>
          <th scope="col">{t('signals.label')}</th>
          <th scope="col">{t('signals.status')}</th>
          <th scope="col">{t('signals.contributor')}</th>
          <th scope="col">{t('signals.reason')}</th>
          <th scope="col">{t('signals.matches')}</th>
        </tr>
      </thead>
      <tbody>
        {signals.map((s) => (
          <tr key={s.id}>
            <td>
              <Link to={`/signals/${s.id}`}>{s.id}</Link>
            </td>
            <td>{s.type}</td>
            <td>{t(`label.${s.label}`, { defaultValue: s.label })}</td>
            <td>{t(`status.${s.status}`, { defaultValue: s.status })}</td>
            <td>{s.contributor}</td>
            <td className="reason">
              <Content text={s.reason} />
            </td>
            <td>{s.matchCount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
