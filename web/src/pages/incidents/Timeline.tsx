import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../api/types';
import { Content } from '../../components/Content';
import { ExactTime } from '../referrals/ExactTime';

/**
 * The shared timeline, in the order every holder sees (the node sorts by event time,
 * author node and the author's sequence). Each entry names the node that wrote and signed
 * it, and when it happened versus when it was discovered.
 */
export function Timeline({ entries, self }: { entries: TimelineEntry[]; self: string }) {
  const { t } = useTranslation();
  return (
    <ol className="timeline" aria-label={t('incidents.timeline')}>
      {entries.map((e) => (
        <li key={e.id} className={`kind-${e.kind}`}>
          <strong>{t(`incidents.kinds.${e.kind}`, { defaultValue: e.kind })}</strong>
          {' · '}
          <Content text={e.text} />
          <span className="meta">
            {t('incidents.entryEvent')} <ExactTime iso={e.eventAt} />
          </span>
          <span className="meta">
            {t('incidents.entryDiscovered')} <ExactTime iso={e.discoveredAt} />
          </span>
          <span className="meta">
            {t('incidents.signedBy', { node: e.byNode === self ? t('incidents.thisNode') : e.byNode, seq: e.nodeSeq })}
            {e.receivedFrom && ` · ${t('incidents.via', { node: e.receivedFrom })}`}
          </span>
        </li>
      ))}
    </ol>
  );
}
