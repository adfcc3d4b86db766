import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorNote, Notice } from '../../components/Status';
import { Field, isoFromLocal } from '../referrals/form-fields';
import { NOTE_KINDS } from './incident-terms';
import { RadioChoices } from '../../components/RadioChoices';

/** Adds a note, an action taken or a new variant seen to the timeline, signed by this node. */
export function IncidentNoteForm({ incidentId, onDone }: { incidentId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<string>('note');
  const [text, setText] = useState('');
  const [eventAt, setEventAt] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone(null);
    try {
      const at = isoFromLocal(eventAt);
      await api(`/v1/incidents/${incidentId}/timeline`, { body: { kind, text, ...(at ? { eventAt: at } : {}) } });
      setText('');
      setEventAt('');
      setDone(t('incidents.note.added'));
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="note-h">
      <h2 id="note-h">{t('incidents.note.title')}</h2>
      <RadioChoices legend={t('incidents.note.kind')} name="note-kind" options={NOTE_KINDS} value={kind} onChange={setKind} captionOf={(k) => t(`incidents.kinds.${k}`)} />
      <Field id="note-text" label={t('incidents.note.text')}>
        <textarea id="note-text" dir="auto" rows={3} required maxLength={4000} value={text} onChange={(e) => setText(e.target.value)} />
      </Field>
      <Field id="note-event" label={t('incidents.note.eventAt')} hint={t('incidents.note.eventHint')}>
        <input id="note-event" type="datetime-local" value={eventAt} onChange={(e) => setEventAt(e.target.value)} aria-describedby="note-event-hint" />
      </Field>
      <button type="submit">{t('incidents.note.submit')}</button>
      <ErrorNote error={error} />
      <Notice text={done} />
    </form>
  );
}
