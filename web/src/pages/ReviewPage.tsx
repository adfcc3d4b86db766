import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Signal } from '../api/types';
import { useMe } from '../app/me-context';
import { Content } from '../components/Content';
import { Link } from '../components/Link';
import { ErrorNote, Loading, Notice } from '../components/Status';
import { useLoad } from '../components/useLoad';
import { VariantCandidates } from './review/VariantCandidates';

/**
 * Signals waiting for confirmation (four eyes), and beside them new-variant candidates.
 * Approve is a `confirmed` opinion, reject a `disputed` one, each with a reason; the node
 * refuses a key confirming what it added. Candidates are this node's queue: a partner
 * organisation's key does not see them.
 */
export default function ReviewPage() {
  const { t } = useTranslation();
  const queue = useLoad(() => api<{ signals: Signal[]; next: number | null }>('/v1/signals?awaiting=confirmation&limit=50'), []);
  const [notice, setNotice] = useState<string | null>(null);
  const me = useMe();
  return (
    <>
      <h1>{t('review.title')}</h1>
      <Notice text={notice} />
      <div className="columns">
        <section aria-labelledby="awaiting-h">
          <h2 id="awaiting-h">{t('review.awaiting', { count: queue.data?.signals.length ?? 0 })}</h2>
          {queue.loading && <Loading />}
          <ErrorNote error={queue.error} />
          {queue.data?.signals.length === 0 && <p>{t('review.empty')}</p>}
          <ul className="queue">
            {queue.data?.signals.map((s) => (
              <ReviewItem
                key={s.id}
                signal={s}
                onDone={(text) => {
                  setNotice(text);
                  queue.reload();
                }}
              />
            ))}
          </ul>
        </section>
        {me.partnerId === me.node && (
          <VariantCandidates
            onDone={(text) => {
              setNotice(text);
              queue.reload(); // an accepted candidate is a new signal awaiting its confirmations
            }}
          />
        )}
      </div>
    </>
  );
}

function ReviewItem({ signal: s, onDone }: { signal: Signal; onDone: (notice: string) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const own = s.addedByKey === me.keyId;
  const decide = async (opinion: 'confirmed' | 'disputed') => {
    setError(null);
    try {
      await api(`/v1/signals/${s.id}/opinions`, { body: { opinion, reason } });
      onDone(t(opinion === 'confirmed' ? 'review.approved' : 'review.rejected', { id: s.id }));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <li className="card" data-signal={s.id}>
      <h3>
        <Link to={`/signals/${s.id}`}>{t('signal.title', { id: s.id })}</Link>
      </h3>
      <p>
        {s.type} · {t(`label.${s.label}`, { defaultValue: s.label })} · {s.contributor} · {t(`distribution.${s.distribution}`, { defaultValue: s.distribution })} ·{' '}
        {t('review.confirmations', { have: s.confirmations, need: s.confirmationsRequired })}
      </p>
      <p className="value">
        <Content text={s.value} />
      </p>
      <p>
        <Content text={s.reason} />
      </p>
      {own ? (
        <p className="hint">{t('review.ownSignal')}</p>
      ) : (
        <>
          <label htmlFor={`reason-${s.id}`}>{t('review.reason', { id: s.id })}</label>
          <input id={`reason-${s.id}`} type="text" dir="auto" value={reason} onChange={(e) => setReason(e.target.value)} />
          <div className="actions">
            <button type="button" disabled={reason.trim().length < 3} onClick={() => void decide('confirmed')}>
              {t('review.approve')}
            </button>
            <button type="button" className="danger" disabled={reason.trim().length < 3} onClick={() => void decide('disputed')}>
              {t('review.reject')}
            </button>
          </div>
        </>
      )}
      <ErrorNote error={error} />
    </li>
  );
}
