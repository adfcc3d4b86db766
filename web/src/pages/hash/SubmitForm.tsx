import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Bank, HashedSignal, Signal } from '../../api/types';
import { Content } from '../../components/Content';
import { Link } from '../../components/Link';
import { ErrorNote, Notice } from '../../components/Status';
import { BankField, DistributionField, LabelField, ReasonField } from '../../components/SignalFields';
import { useLoad } from '../../components/useLoad';
import { LABELS } from '../../domain/taxonomy';

/** Adds hashed signals to a bank with a label, a reason and a distribution level. */
export function SubmitForm({ signals }: { signals: HashedSignal[] }) {
  const { t } = useTranslation();
  const banks = useLoad(() => api<{ banks: Bank[] }>('/v1/banks'), []);
  const [bank, setBank] = useState('');
  const [label, setLabel] = useState<string>(LABELS[0]);
  const [reason, setReason] = useState('');
  const [distribution, setDistribution] = useState('partners');
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState<Signal[] | null>(null);

  if (signals.length === 0) return <p className="card">{t('hash.nothingToSubmit')}</p>;
  const chosen = bank || String(banks.data?.banks[0]?.id ?? '');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const body = { signals: signals.map((s) => ({ type: s.type, value: s.value, label, reason, distribution })) };
      setAdded((await api<{ signals: Signal[] }>(`/v1/banks/${chosen}/signals`, { body })).signals);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="submit-h">
      <h2 id="submit-h">{t('hash.submit')}</h2>
      <ErrorNote error={banks.error} />
      <div className="grid">
        <BankField id="submit-bank" caption={t('signals.bank')} value={chosen} onChange={setBank} banks={banks.data?.banks ?? []} />
        <LabelField id="submit-label" caption={t('signals.label')} value={label} onChange={setLabel} />
        <DistributionField id="submit-distribution" caption={t('signal.distribution')} value={distribution} onChange={setDistribution} />
      </div>
      <ReasonField id="submit-reason" caption={t('signals.reason')} value={reason} onChange={setReason} lines={3} />
      <button type="submit" disabled={!chosen}>
        {t('hash.submitButton')}
      </button>
      <ErrorNote error={error} />
      {added && (
        <>
          <Notice text={t('hash.submitted', { count: added.length })} />
          <ul>
            {added.map((s) => (
              <li key={s.id}>
                <Link to={`/signals/${s.id}`}>{t('signal.title', { id: s.id })}</Link> · {s.type} · <Content text={s.reason} />
              </li>
            ))}
          </ul>
        </>
      )}
    </form>
  );
}
