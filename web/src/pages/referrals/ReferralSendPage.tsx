import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { IncidentSummary, PartnerNode, Referral } from '../../api/types';
import { visibleControls } from '../../components/Content';
import { navigate, useLocation } from '../../app/router';
import { ErrorNote } from '../../components/Status';
import { useLoad } from '../../components/useLoad';
import { LABELS } from '../../domain/taxonomy';
import { Field, isoFromLocal, lines } from './form-fields';
import { REFERRAL_GROUNDS, REFERRAL_KINDS } from './referral-terms';
import './coordination.css';
import { RadioChoices } from '../../components/RadioChoices';

type Kind = (typeof REFERRAL_KINDS)[number];
const EMPTY_ORDER = { issuingAuthority: '', reference: '', memberState: '', issuedAt: '', contactPoint: '', viaHostAuthority: false };

/**
 * Sends a referral, removal order (with the Annex I fields) or threat-to-life notice to a
 * partner node (POST /v1/referrals). The node checks everything; its coded error is shown.
 */
export default function ReferralSendPage() {
  const { t } = useTranslation();
  const { params } = useLocation();
  // Ids and names of the partner nodes, which curators may read (GET /v1/partners is an admin's).
  const partners = useLoad(() => api<{ partners: PartnerNode[] }>('/v1/partner-nodes'), []);
  const incidents = useLoad(() => api<{ incidents: IncidentSummary[] }>('/v1/incidents'), []);
  const [to, setTo] = useState('');
  const [kind, setKind] = useState<Kind>('removal_order');
  const [urls, setUrls] = useState('');
  const [uids, setUids] = useState('');
  const [label, setLabel] = useState<string>(LABELS[0]);
  const [grounds, setGrounds] = useState<string[]>([]);
  const [legalBasis, setLegalBasis] = useState('');
  const [reasons, setReasons] = useState('');
  const [redress, setRedress] = useState('');
  const [withheld, setWithheld] = useState(false);
  const [withheldUntil, setWithheldUntil] = useState('');
  const [incidentId, setIncidentId] = useState(params.get('incident') ?? '');
  const [deadline, setDeadline] = useState('');
  const [order, setOrder] = useState(EMPTY_ORDER);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const body = {
        to: to.trim(),
        kind,
        content: { urls: lines(urls), signalUids: lines(uids) },
        label,
        grounds,
        legalBasis,
        statementOfReasons: reasons,
        redress,
        noticeWithheld: { withheld, until: withheld ? isoFromLocal(withheldUntil) : null },
        incidentId: incidentId.trim() || null,
        ...(kind === 'referral' && deadline ? { deadline: isoFromLocal(deadline) } : {}),
        ...(kind === 'removal_order' ? { order: { ...order, memberState: order.memberState.trim().toUpperCase(), issuedAt: isoFromLocal(order.issuedAt) ?? '' } } : {}),
      };
      const sent = await api<Referral>('/v1/referrals', { body });
      navigate(`/referrals/${sent.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const orderField = (name: 'issuingAuthority' | 'reference' | 'memberState' | 'contactPoint') => (
    <Field id={`ro-${name}`} label={t(`referrals.order.${name}`)}>
      <input id={`ro-${name}`} dir="auto" required value={order[name]} onChange={(e) => setOrder({ ...order, [name]: e.target.value })} />
    </Field>
  );
  return (
    <>
      <h1>{t('referrals.send.title')}</h1>
      <form className="card" onSubmit={submit} aria-labelledby="send-h">
        <h2 id="send-h">{t('referrals.send.heading')}</h2>
        {partners.error ? (
          // Without the node's list (an older node), the receiving node's id is typed; the node still checks it.
          <Field id="rs-to" label={t('referrals.send.to')} hint={t('referrals.send.partnersUnavailable')}>
            <input id="rs-to" required value={to} onChange={(e) => setTo(e.target.value)} aria-describedby="rs-to-hint" />
          </Field>
        ) : (
          <Field id="rs-to" label={t('referrals.send.partner')} hint={partners.data?.partners.length === 0 ? t('referrals.send.noPartners') : t('referrals.send.partnerHint')}>
            <select id="rs-to" required value={to} onChange={(e) => setTo(e.target.value)} aria-describedby="rs-to-hint">
              <option value="">{t('referrals.send.choosePartner')}</option>
              {partners.data?.partners.map((p) => (
                <option key={p.id} value={p.id}>
                  {t('referrals.send.partnerOption', { name: visibleControls(p.name), id: p.id })}
                </option>
              ))}
            </select>
          </Field>
        )}
        <RadioChoices legend={t('referrals.kind')} name="kind" options={REFERRAL_KINDS} value={kind} onChange={setKind} captionOf={(k) => t(`referrals.kinds.${k}`)}>
          <p className="hint">{t(`referrals.send.clock.${kind}`)}</p>
        </RadioChoices>
        <Field id="rs-urls" label={t('referrals.send.urls')} hint={t('referrals.send.onePerLine')}>
          <textarea id="rs-urls" rows={3} value={urls} onChange={(e) => setUrls(e.target.value)} aria-describedby="rs-urls-hint" />
        </Field>
        <Field id="rs-uids" label={t('referrals.send.signalUids')} hint={t('referrals.send.onePerLine')}>
          <textarea id="rs-uids" rows={2} value={uids} onChange={(e) => setUids(e.target.value)} aria-describedby="rs-uids-hint" />
        </Field>
        <Field id="rs-label" label={t('referrals.label')}>
          <select id="rs-label" value={label} onChange={(e) => setLabel(e.target.value)}>
            {LABELS.map((l) => (
              <option key={l} value={l}>
                {t(`label.${l}`)}
              </option>
            ))}
          </select>
        </Field>
        <fieldset>
          <legend>{t('referrals.grounds')}</legend>
          {REFERRAL_GROUNDS.map((g) => (
            <label key={g} className="inline">
              <input type="checkbox" checked={grounds.includes(g)} onChange={(e) => setGrounds(e.target.checked ? [...grounds, g] : grounds.filter((x) => x !== g))} /> {t(`referrals.groundNames.${g}`)}
            </label>
          ))}
        </fieldset>
        <Field id="rs-basis" label={t('referrals.legalBasis')}>
          <textarea id="rs-basis" dir="auto" required minLength={3} rows={2} value={legalBasis} onChange={(e) => setLegalBasis(e.target.value)} />
        </Field>
        <Field id="rs-reasons" label={t('referrals.statementOfReasons')}>
          <textarea id="rs-reasons" dir="auto" required minLength={3} rows={3} value={reasons} onChange={(e) => setReasons(e.target.value)} />
        </Field>
        <Field id="rs-redress" label={t('referrals.redress')}>
          <textarea id="rs-redress" dir="auto" required minLength={3} rows={2} value={redress} onChange={(e) => setRedress(e.target.value)} />
        </Field>
        <label className="inline">
          <input type="checkbox" checked={withheld} onChange={(e) => setWithheld(e.target.checked)} /> {t('referrals.send.withhold')}
        </label>
        {withheld && (
          <Field id="rs-until" label={t('referrals.send.withheldUntil')}>
            <input id="rs-until" type="datetime-local" value={withheldUntil} onChange={(e) => setWithheldUntil(e.target.value)} />
          </Field>
        )}
        {incidents.error ? (
          <Field id="rs-incident" label={t('referrals.incident')} hint={t('referrals.send.incidentHint')}>
            <input id="rs-incident" value={incidentId} onChange={(e) => setIncidentId(e.target.value)} aria-describedby="rs-incident-hint" />
          </Field>
        ) : (
          <Field id="rs-incident" label={t('referrals.incident')} hint={t('referrals.send.incidentHint')}>
            <select id="rs-incident" value={incidentId} onChange={(e) => setIncidentId(e.target.value)} aria-describedby="rs-incident-hint">
              <option value="">{t('referrals.send.noIncident')}</option>
              {incidentChoices(incidents.data?.incidents ?? [], incidentId).map((i) => (
                <option key={i.id} value={i.id}>
                  {i.title === null ? i.id : t('referrals.send.incidentOption', { title: visibleControls(i.title), status: t(`incidents.statuses.${i.status}`) })}
                </option>
              ))}
            </select>
          </Field>
        )}
        {kind === 'referral' && (
          <Field id="rs-deadline" label={t('referrals.send.deadline')} hint={t('referrals.send.deadlineHint')}>
            <input id="rs-deadline" type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)} aria-describedby="rs-deadline-hint" />
          </Field>
        )}
        {kind === 'removal_order' && (
          <fieldset>
            <legend>{t('referrals.order.title')}</legend>
            {orderField('issuingAuthority')}
            {orderField('reference')}
            {orderField('memberState')}
            <Field id="ro-issuedAt" label={t('referrals.order.issuedAt')}>
              <input id="ro-issuedAt" type="datetime-local" required value={order.issuedAt} onChange={(e) => setOrder({ ...order, issuedAt: e.target.value })} />
            </Field>
            {orderField('contactPoint')}
            <label className="inline">
              <input type="checkbox" checked={order.viaHostAuthority} onChange={(e) => setOrder({ ...order, viaHostAuthority: e.target.checked })} /> {t('referrals.order.viaHostAuthority')}
            </label>
          </fieldset>
        )}
        <button type="submit" disabled={busy}>
          {t('referrals.send.submit')}
        </button>
        <ErrorNote error={error} />
      </form>
    </>
  );
}

/** The incidents a referral can be sent under, open ones first; one named in the link but not held here is kept by its id. */
function incidentChoices(held: readonly IncidentSummary[], chosen: string): { id: string; title: string | null; status: string }[] {
  const open = held.filter((i) => i.status === 'open');
  const rest = held.filter((i) => i.status !== 'open');
  const choices: { id: string; title: string | null; status: string }[] = [...open, ...rest];
  if (chosen && !held.some((i) => i.id === chosen)) choices.unshift({ id: chosen, title: null, status: '' });
  return choices;
}
