import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/client';
import type { Bank, ReviewEntry } from '../../api/types';
import { Content } from '../../components/Content';
import { Link } from '../../components/Link';
import { BankField, DistributionField, LabelField, ReasonField } from '../../components/SignalFields';
import { ErrorNote, Loading } from '../../components/Status';
import { Time } from '../../components/Time';
import { useLoad } from '../../components/useLoad';
import { LABELS } from '../../domain/taxonomy';

/**
 * New-variant candidates (GET /v1/review?kind=variant_candidate): hashes of an uploaded file
 * that matched a known signal, which no signal here holds yet. Accepting adds the hash to a
 * bank with a label (a new signal, which then awaits its own confirmations); rejecting
 * records why. Both need a reason.
 */
export function VariantCandidates({ onDone }: { onDone: (notice: string) => void }) {
  const { t } = useTranslation();
  const queue = useLoad(() => api<{ items: ReviewEntry[] }>('/v1/review?kind=variant_candidate&status=pending&limit=50'), []);
  const banks = useLoad(() => api<{ banks: Bank[] }>('/v1/banks'), []);
  return (
    <section aria-labelledby="candidates-h">
      <h2 id="candidates-h">{t('review.candidates', { count: queue.data?.items.length ?? 0 })}</h2>
      {queue.loading && <Loading />}
      <ErrorNote error={queue.error ?? banks.error} />
      {queue.data?.items.length === 0 && <p>{t('review.noCandidates')}</p>}
      <ul className="queue">
        {queue.data?.items.map((c) => (
          <Candidate
            key={c.id}
            entry={c}
            banks={banks.data?.banks ?? []}
            onDone={(text) => {
              onDone(text);
              queue.reload();
            }}
          />
        ))}
      </ul>
    </section>
  );
}

function Candidate({ entry: c, banks, onDone }: { entry: ReviewEntry; banks: Bank[]; onDone: (notice: string) => void }) {
  const { t } = useTranslation();
  const matchedLabel = String(c.details.matchedLabel ?? '');
  const [bank, setBank] = useState('');
  const [label, setLabel] = useState<string>(LABELS.find((l) => l === matchedLabel) ?? LABELS[0]);
  const [distribution, setDistribution] = useState('local');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const chosen = bank || String(banks[0]?.id ?? '');
  const decide = async (accept: boolean) => {
    setError(null);
    try {
      if (accept) {
        const done = await api<ReviewEntry>(`/v1/review/${c.id}/accept`, { body: { bankId: Number(chosen), label, distribution, reason } });
        onDone(t('review.candidateAccepted', { id: c.id, signal: done.acceptedSignalId }));
      } else {
        await api(`/v1/review/${c.id}/reject`, { body: { reason } });
        onDone(t('review.candidateRejected', { id: c.id }));
      }
    } catch (err) {
      setError(err);
    }
  };
  const ready = reason.trim().length >= 3;
  return (
    <li className="card" data-candidate={c.id}>
      <h3>{t('review.candidate', { id: c.id, type: c.candidate?.type ?? '' })}</h3>
      <p className="value">
        <Content text={c.candidate?.value} />
      </p>
      <p>
        {t('review.variantOf')} <Link to={`/signals${query({ uid: c.signalUid })}`}>{<Content text={c.signalUid} />}</Link> · {t(`label.${matchedLabel}`, { defaultValue: matchedLabel })} ·{' '}
        {t('review.distance', { distance: c.distance ?? '—' })} · <Time iso={c.createdAt} />
      </p>
      <div className="grid">
        <BankField id={`candidate-bank-${c.id}`} caption={t('review.candidateBank', { id: c.id })} value={chosen} onChange={setBank} banks={banks} />
        <LabelField id={`candidate-label-${c.id}`} caption={t('review.candidateLabel', { id: c.id })} value={label} onChange={setLabel} />
        <DistributionField id={`candidate-distribution-${c.id}`} caption={t('review.candidateDistribution', { id: c.id })} value={distribution} onChange={setDistribution} />
      </div>
      <ReasonField id={`candidate-reason-${c.id}`} caption={t('review.candidateReason', { id: c.id })} value={reason} onChange={setReason} />
      <div className="actions">
        <button type="button" disabled={!ready || !chosen} onClick={() => void decide(true)}>
          {t('review.accept')}
        </button>
        <button type="button" className="danger" disabled={!ready} onClick={() => void decide(false)}>
          {t('review.reject')}
        </button>
      </div>
      <ErrorNote error={error} />
    </li>
  );
}
