import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Referral } from '../../api/types';
import { visibleControls } from '../../components/Content';
import { RadioChoices } from '../../components/RadioChoices';
import { ErrorNote } from '../../components/Status';
import { Field } from './form-fields';

const DECISIONS = ['rejected', 'upheld'] as const;
type Decision = (typeof DECISIONS)[number];

/** One of the referral's content references (its URLs and signal ids), shown as inert text in a select. */
function ContentRefField({ id, refs, value, onChange }: { id: string; refs: readonly string[]; value: string; onChange: (ref: string) => void }) {
  const { t } = useTranslation();
  return (
    <Field id={id} label={t('referrals.complaints.contentRef')}>
      <select id={id} dir="auto" className="value" value={value} onChange={(e) => onChange(e.target.value)}>
        {refs.map((ref) => (
          <option key={ref} value={ref}>
            {visibleControls(ref)}
          </option>
        ))}
      </select>
    </Field>
  );
}

/**
 * Posts one action to the referral; `onDone` gets what to announce (the section shows it,
 * as the form may be gone once the referral is reloaded). A refusal stays on the form.
 */
function useAction(r: Referral, onDone: (message: string) => void) {
  const [error, setError] = useState<unknown>(null);
  const run = async (suffix: 'complaint' | 'reinstatement', body: Record<string, string>, message: string) => {
    setError(null);
    try {
      await api(`/v1/referrals/${encodeURIComponent(r.id)}/${suffix}`, { body });
      onDone(message);
    } catch (err) {
      setError(err);
    }
  };
  return { error, run };
}

/** Art. 10: the receiver records a complaint against the removal and its decision: the content reference and the decision, nothing about who complained. */
export function ComplaintForm({ referral: r, refs, onDone }: { referral: Referral; refs: readonly string[]; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [contentRef, setContentRef] = useState(refs[0]!);
  const [decision, setDecision] = useState<Decision>('rejected');
  const action = useAction(r, onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run('complaint', { contentRef, decision }, t('referrals.complaints.recorded', { decision: t(`referrals.complaints.decisions.${decision}`) }));
  };
  return (
    <form onSubmit={submit} aria-labelledby="complaint-h">
      <h3 id="complaint-h">{t('referrals.complaints.form')}</h3>
      <ContentRefField id="complaint-ref" refs={refs} value={contentRef} onChange={setContentRef} />
      <RadioChoices legend={t('referrals.complaints.decision')} name="complaint-decision" options={DECISIONS} value={decision} onChange={setDecision} captionOf={(d) => t(`referrals.complaints.choices.${d}`)} />
      <button type="submit">{t('referrals.complaints.submit')}</button>
      <ErrorNote error={action.error} />
    </form>
  );
}

/** The receiver records that the content is available again, after an upheld complaint or a scrutiny finding of infringement. */
export function ReinstatementForm({ referral: r, refs, initial, onDone }: { referral: Referral; refs: readonly string[]; initial?: string; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [contentRef, setContentRef] = useState(initial !== undefined && refs.includes(initial) ? initial : refs[0]!);
  const action = useAction(r, onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run('reinstatement', { contentRef }, t('referrals.complaints.reinstated'));
  };
  return (
    <form onSubmit={submit} aria-labelledby="reinstate-h" aria-describedby="reinstate-hint">
      <h3 id="reinstate-h">{t('referrals.complaints.reinstateForm')}</h3>
      <p id="reinstate-hint" className="hint">
        {t('referrals.complaints.reinstateHint')}
      </p>
      <ContentRefField id="reinstate-ref" refs={refs} value={contentRef} onChange={setContentRef} />
      <button type="submit">{t('referrals.complaints.reinstateSubmit')}</button>
      <ErrorNote error={action.error} />
    </form>
  );
}
