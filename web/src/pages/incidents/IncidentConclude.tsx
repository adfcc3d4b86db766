import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorNote } from '../../components/Status';
import { Field } from '../referrals/form-fields';

/** Concludes the incident (its declarer only); the node adds `concluded` and the debrief. */
export function IncidentConclude({ incidentId, onDone }: { incidentId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api(`/v1/incidents/${incidentId}/conclude`, { body: { text } });
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="conclude-h">
      <h2 id="conclude-h">{t('incidents.conclude.title')}</h2>
      <p className="hint">{t('incidents.conclude.hint')}</p>
      <Field id="conclude-text" label={t('incidents.conclude.text')}>
        <textarea id="conclude-text" dir="auto" rows={2} required maxLength={4000} value={text} onChange={(e) => setText(e.target.value)} />
      </Field>
      <button type="submit" className="danger">
        {t('incidents.conclude.submit')}
      </button>
      <ErrorNote error={error} />
    </form>
  );
}
