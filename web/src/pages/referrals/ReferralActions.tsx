import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Referral } from '../../api/types';
import { ErrorNote, Notice } from '../../components/Status';
import { Field, isoFromLocal, localFromMs } from './form-fields';
import { actionsFor, type ReferralActionId } from './referral-actions';
import { OBSTACLE_REASONS, OUTCOMES, SCRUTINY_FINDINGS } from './referral-terms';
import { serverNow } from './server-clock';
import { RadioChoices } from '../../components/RadioChoices';

/**
 * "Just now" by the node's clock, a little early so the node (whose clock our estimate may
 * run ahead of by a fraction of a second) does not find it in its future; never before receipt.
 */
function justNow(r: Referral): string {
  const received = r.receipt ? Date.parse(r.receipt.receivedAt) : 0;
  return new Date(Math.max(received, serverNow() - 1500)).toISOString();
}

/**
 * What this node's side may do now: the receiver acknowledges, reports an obstacle,
 * decides, asks for scrutiny; the sender clears an obstacle; the
 * scrutiny authority decides. One form, the fields of the chosen action.
 */
export function ReferralActions({ referral: r, onDone }: { referral: Referral; onDone: () => void }) {
  const { t } = useTranslation();
  const actions = actionsFor(r);
  const [chosen, setChosen] = useState<ReferralActionId | null>(null);
  const action = chosen && actions.includes(chosen) ? chosen : actions[0];
  const [reason, setReason] = useState<string>(OBSTACLE_REASONS[0]);
  const [outcome, setOutcome] = useState<string>(OUTCOMES[0]);
  const [finding, setFinding] = useState<string>(SCRUTINY_FINDINGS[1]);
  const [text, setText] = useState('');
  const [actedNow, setActedNow] = useState(true);
  const [actedAt, setActedAt] = useState(() => localFromMs(serverNow()));
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!action) return null;

  const bodyFor = (a: ReferralActionId): unknown => {
    switch (a) {
      case 'ack':
        return {};
      case 'obstacle':
        return { reason, explanation: text };
      case 'clear':
        return { explanation: text };
      case 'decision':
        return { outcome, actedAt: outcome === 'not_removed' ? null : actedNow ? justNow(r) : isoFromLocal(actedAt), reason: text };
      case 'scrutiny':
        return { reasons: text };
      case 'scrutiny-decision':
        return { finding, reasons: text };
    }
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone(null);
    try {
      await api(`/v1/referrals/${encodeURIComponent(r.id)}/${action}`, { body: bodyFor(action) });
      setText('');
      setDone(t('referrals.actions.done', { action: t(`referrals.actions.${action}`) }));
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  const needsText = action !== 'ack';
  const textRequired = action !== 'decision' || outcome === 'not_removed';
  return (
    <form className="card" onSubmit={submit} aria-labelledby="ractions-h">
      <h2 id="ractions-h">{t('referrals.actions.title')}</h2>
      <RadioChoices legend={t('referrals.actions.choose')} name="referral-action" options={actions} value={action} onChange={setChosen} captionOf={(a) => t(`referrals.actions.${a}`)} />
      {action === 'obstacle' && (
        <Field id="ra-reason" label={t('referrals.obstacleReason')}>
          <select id="ra-reason" value={reason} onChange={(e) => setReason(e.target.value)}>
            {OBSTACLE_REASONS.map((o) => (
              <option key={o} value={o}>
                {t(`referrals.obstacles.${o}`)}
              </option>
            ))}
          </select>
        </Field>
      )}
      {action === 'decision' && (
        <>
          <Field id="ra-outcome" label={t('referrals.outcome')}>
            <select id="ra-outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`referrals.outcomes.${o}`)}
                </option>
              ))}
            </select>
          </Field>
          {outcome !== 'not_removed' && (
            <>
              <label className="inline">
                <input type="checkbox" checked={actedNow} onChange={(e) => setActedNow(e.target.checked)} /> {t('referrals.actedJustNow')}
              </label>
              {!actedNow && (
                <Field id="ra-acted" label={t('referrals.actedAt')}>
                  <input id="ra-acted" type="datetime-local" step={1} required value={actedAt} onChange={(e) => setActedAt(e.target.value)} />
                </Field>
              )}
            </>
          )}
        </>
      )}
      {action === 'scrutiny-decision' && (
        <Field id="ra-finding" label={t('referrals.finding')}>
          <select id="ra-finding" value={finding} onChange={(e) => setFinding(e.target.value)}>
            {SCRUTINY_FINDINGS.map((f) => (
              <option key={f} value={f}>
                {t(`referrals.scrutinyStatuses.${f}`)}
              </option>
            ))}
          </select>
        </Field>
      )}
      {needsText && (
        <Field id="ra-text" label={t(`referrals.actions.text.${action}`)}>
          <textarea id="ra-text" dir="auto" rows={3} required={textRequired} minLength={textRequired ? 3 : undefined} value={text} onChange={(e) => setText(e.target.value)} />
        </Field>
      )}
      <button type="submit" className={action === 'obstacle' || (action === 'scrutiny-decision' && finding === 'infringement') ? 'danger' : undefined}>
        {t(`referrals.actions.${action}`)}
      </button>
      <ErrorNote error={error} />
      <Notice text={done} />
    </form>
  );
}
