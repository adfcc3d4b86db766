import { useTranslation } from 'react-i18next';
import type { Match } from '../../api/types';
import { Link } from '../../components/Link';

/** What the hashed content matched, shown before anything else: known content needs no new signal. */
export function MatchList({ matches }: { matches: Match[] }) {
  const { t } = useTranslation();
  return (
    <section className={matches.length ? 'card matched' : 'card'} aria-labelledby="matches-h">
      <h2 id="matches-h">{matches.length ? t('hash.matches', { count: matches.length }) : t('hash.noMatches')}</h2>
      {matches.length > 0 && (
        <ul>
          {matches.map((m) => (
            <li key={`${m.signalId}:${m.type}`}>
              <Link to={`/signals/${m.signalId}`}>{t('signal.title', { id: m.signalId })}</Link> · {m.type} · {t(`label.${m.label}`, { defaultValue: m.label })} · {m.contributor} ·{' '}
              {t(`status.${m.status}`, { defaultValue: m.status })} · d={m.distance}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
