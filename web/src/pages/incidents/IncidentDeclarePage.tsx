import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Bank, IncidentDetail, IncidentTier } from '../../api/types';
import { navigate } from '../../app/router';
import { Content } from '../../components/Content';
import { ErrorNote } from '../../components/Status';
import { useLoad } from '../../components/useLoad';
import { DISTRIBUTIONS } from '../../domain/taxonomy';
import { Field, isoFromLocal, lines, localFromMs } from '../referrals/form-fields';
import { serverNow } from '../referrals/server-clock';
import { DEFAULT_TIERS, INCIDENT_CRITERIA, LEAD_PROTOCOLS } from './incident-terms';
import '../referrals/coordination.css';
import { RadioChoices } from '../../components/RadioChoices';

type Criterion = (typeof INCIDENT_CRITERIA)[number];
type Check = { met: boolean | null; reason: string };

/**
 * Declares an incident (POST /v1/incidents): the activation checklist with each of the four
 * criteria ticked met or not, with a reason; event and discovery times; linked banks and
 * signals; other protocols' references and the lead protocol; distribution.
 */
export default function IncidentDeclarePage() {
  const { t } = useTranslation();
  const banks = useLoad(() => api<{ banks: Bank[] }>('/v1/banks'), []);
  const tiers = useLoad(() => api<{ tiers: IncidentTier[] }>('/v1/incident-tiers'), []);
  const [title, setTitle] = useState('');
  const [tier, setTier] = useState('');
  const [checks, setChecks] = useState<Record<Criterion, Check>>(() => Object.fromEntries(INCIDENT_CRITERIA.map((c) => [c, { met: null, reason: '' }])) as Record<Criterion, Check>);
  const [eventAt, setEventAt] = useState('');
  const [discoveredAt, setDiscoveredAt] = useState(() => localFromMs(serverNow()));
  const [bankIds, setBankIds] = useState<number[]>([]);
  const [uids, setUids] = useState('');
  const [refs, setRefs] = useState<{ protocol: string; id: string }[]>([]);
  const [lead, setLead] = useState('');
  const [distribution, setDistribution] = useState('partners');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  // The first configured tier is chosen once the list arrives (the node's order, as configured).
  useEffect(() => {
    const first = tiers.data?.tiers[0]?.tier;
    if (first) setTier((chosen) => chosen || first);
  }, [tiers.data]);
  const check = (c: Criterion, patch: Partial<Check>) => setChecks({ ...checks, [c]: { ...checks[c], ...patch } });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const body = {
        title,
        tier,
        criteria: INCIDENT_CRITERIA.map((c) => ({ criterion: c, met: checks[c].met === true, reason: checks[c].reason })),
        eventAt: isoFromLocal(eventAt),
        discoveredAt: isoFromLocal(discoveredAt),
        bankIds,
        signalUids: lines(uids),
        externalRefs: refs.filter((r) => r.protocol.trim() && r.id.trim()),
        leadProtocol: lead.trim() || null,
        distribution,
      };
      const made = await api<IncidentDetail>('/v1/incidents', { body });
      navigate(`/incidents/${made.incident.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const tierHint = (chosen: IncidentTier | undefined) => {
    if (!chosen) return t('incidents.declare.tierConfigured');
    const names = chosen.requires.map((c) => t(`incidents.criteriaNames.${c}`, { defaultValue: c }));
    return `${t('incidents.declare.tierConfigured')} ${names.length > 0 ? t('incidents.declare.tierRequires', { criteria: names.join('; ') }) : t('incidents.declare.tierRequiresNone')}`;
  };
  return (
    <>
      <h1>{t('incidents.declare.title')}</h1>
      <form className="card" onSubmit={submit} aria-labelledby="declare-h">
        <h2 id="declare-h">{t('incidents.declare.heading')}</h2>
        <Field id="id-title" label={t('incidents.titleField')}>
          <input id="id-title" dir="auto" required minLength={3} maxLength={500} value={title} onChange={(e) => setTitle(e.target.value)} />
        </Field>
        {tiers.error ? (
          // Without the node's list (an older node), the tier is typed; the node still checks it.
          <Field id="id-tier" label={t('incidents.tier')} hint={t('incidents.declare.tiersUnavailable')}>
            <input id="id-tier" required list="id-tiers" value={tier} onChange={(e) => setTier(e.target.value)} aria-describedby="id-tier-hint" />
            <datalist id="id-tiers">
              {DEFAULT_TIERS.map((x) => (
                <option key={x} value={x}>
                  {t(`incidents.tiers.${x}`)}
                </option>
              ))}
            </datalist>
          </Field>
        ) : (
          <Field id="id-tier" label={t('incidents.tier')} hint={tierHint(tiers.data?.tiers.find((x) => x.tier === tier))}>
            <select id="id-tier" required value={tier} onChange={(e) => setTier(e.target.value)} aria-describedby="id-tier-hint">
              {tiers.data?.tiers.map((x) => (
                <option key={x.tier} value={x.tier}>
                  {t(`incidents.tiers.${x.tier}`, { defaultValue: x.tier })}
                </option>
              ))}
            </select>
          </Field>
        )}
        <fieldset>
          <legend>{t('incidents.criteria')}</legend>
          <p className="hint">{t('incidents.declare.criteriaHint')}</p>
          {INCIDENT_CRITERIA.map((c) => (
            <fieldset key={c} className="criterion">
              <legend>{t(`incidents.criteriaNames.${c}`)}</legend>
              <label className="inline">
                <input type="radio" name={`crit-${c}`} required checked={checks[c].met === true} onChange={() => check(c, { met: true })} /> {t('incidents.met')}
              </label>
              <label className="inline">
                <input type="radio" name={`crit-${c}`} checked={checks[c].met === false} onChange={() => check(c, { met: false })} /> {t('incidents.notMet')}
              </label>
              <Field id={`crit-${c}-reason`} label={t('incidents.criterionReason', { criterion: t(`incidents.criteriaNames.${c}`) })}>
                <input id={`crit-${c}-reason`} dir="auto" required maxLength={4000} value={checks[c].reason} onChange={(e) => check(c, { reason: e.target.value })} />
              </Field>
            </fieldset>
          ))}
        </fieldset>
        <div className="grid">
          <Field id="id-event" label={t('incidents.eventAt')}>
            <input id="id-event" type="datetime-local" required value={eventAt} onChange={(e) => setEventAt(e.target.value)} />
          </Field>
          <Field id="id-discovered" label={t('incidents.discoveredAt')}>
            <input id="id-discovered" type="datetime-local" required value={discoveredAt} onChange={(e) => setDiscoveredAt(e.target.value)} />
          </Field>
        </div>
        <fieldset>
          <legend>{t('incidents.banks')}</legend>
          <ErrorNote error={banks.error} />
          {banks.data?.banks.length === 0 && <p>{t('incidents.declare.noBanks')}</p>}
          {banks.data?.banks.map((b) => (
            <label key={b.id} className="inline">
              <input type="checkbox" checked={bankIds.includes(b.id)} onChange={(e) => setBankIds(e.target.checked ? [...bankIds, b.id] : bankIds.filter((x) => x !== b.id))} /> <Content text={b.name} />
            </label>
          ))}
        </fieldset>
        <Field id="id-uids" label={t('incidents.signalUids')} hint={t('referrals.send.onePerLine')}>
          <textarea id="id-uids" rows={2} value={uids} onChange={(e) => setUids(e.target.value)} aria-describedby="id-uids-hint" />
        </Field>
        <fieldset>
          <legend>{t('incidents.externalRefs')}</legend>
          {refs.map((r, i) => (
            <div className="refs" key={i}>
              <Field id={`ref-${i}-protocol`} label={t('incidents.protocol')}>
                <input id={`ref-${i}-protocol`} required value={r.protocol} onChange={(e) => setRefs(refs.map((x, j) => (j === i ? { ...x, protocol: e.target.value } : x)))} />
              </Field>
              <Field id={`ref-${i}-id`} label={t('incidents.refId')}>
                <input id={`ref-${i}-id`} required value={r.id} onChange={(e) => setRefs(refs.map((x, j) => (j === i ? { ...x, id: e.target.value } : x)))} />
              </Field>
              <button type="button" onClick={() => setRefs(refs.filter((_, j) => j !== i))}>
                {t('incidents.declare.removeRef', { n: i + 1 })}
              </button>
            </div>
          ))}
          <button type="button" onClick={() => setRefs([...refs, { protocol: '', id: '' }])}>
            {t('incidents.declare.addRef')}
          </button>
        </fieldset>
        <Field id="id-lead" label={t('incidents.leadProtocol')} hint={t('incidents.declare.leadHint')}>
          <input id="id-lead" list="id-leads" value={lead} onChange={(e) => setLead(e.target.value)} aria-describedby="id-lead-hint" />
          <datalist id="id-leads">
            {LEAD_PROTOCOLS.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
        </Field>
        <RadioChoices legend={t('incidents.distribution')} name="distribution" options={DISTRIBUTIONS} value={distribution} onChange={setDistribution} captionOf={(d) => t(`distribution.${d}`)} />
        <button type="submit" disabled={busy}>
          {t('incidents.declare.submit')}
        </button>
        <ErrorNote error={error} />
      </form>
    </>
  );
}
