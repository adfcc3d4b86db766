import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Me, Signal } from '../../api/types';
import { hasAnyRole } from '../../app/me-context';
import { ErrorNote, Notice } from '../../components/Status';
import { LabelField, ReasonField } from '../../components/SignalFields';
import { RadioChoices } from '../../components/RadioChoices';

type Action = 'dispute' | 'retract' | 'relabel';

/** Dispute (any reviewer or curator), and for the contributor: retract and correct the label. Each needs a reason. */
export function SignalActions({ signal, me, onDone }: { signal: Signal; me: Me; onDone: () => void }) {
  const { t } = useTranslation();
  const curator = hasAnyRole(me, ['admin', 'curator']) && signal.contributor === me.partnerId;
  const actions: Action[] = ['dispute', ...(curator && signal.status !== 'retracted' ? (['retract', 'relabel'] as const) : [])];
  const [action, setAction] = useState<Action>('dispute');
  const [reason, setReason] = useState('');
  const [label, setLabel] = useState(signal.label);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone(null);
    try {
      if (action === 'dispute') await api(`/v1/signals/${signal.id}/opinions`, { body: { opinion: 'disputed', reason } });
      if (action === 'retract') await api(`/v1/signals/${signal.id}/retract`, { body: { reason } });
      if (action === 'relabel') await api(`/v1/signals/${signal.id}/label`, { body: { label, reason } });
      setReason('');
      setDone(t('signal.done'));
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="actions-h">
      <h2 id="actions-h">{t('signal.actions')}</h2>
      <RadioChoices legend={t('signal.actions')} name="action" options={actions} value={action} onChange={setAction} captionOf={(a) => t(`signal.${a}`)} />
      {action === 'relabel' && <LabelField id="action-label" caption={t('signal.newLabel')} value={label} onChange={setLabel} />}
      <ReasonField id="action-reason" caption={t('signal.actionReason')} value={reason} onChange={setReason} />
      <button type="submit" className={action === 'dispute' ? undefined : 'danger'}>
        {t(`signal.${action}`)}
      </button>
      <ErrorNote error={error} />
      <Notice text={done} />
    </form>
  );
}
