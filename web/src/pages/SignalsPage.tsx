import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../api/client';
import type { Bank, IncidentSummary, Signal } from '../api/types';
import { navigate, useLocation } from '../app/router';
import { Content } from '../components/Content';
import { SignalTable } from '../components/SignalTable';
import { ErrorNote, Loading } from '../components/Status';
import { useLoad } from '../components/useLoad';
import { LABELS, SIGNAL_TYPES, STATUSES } from '../domain/taxonomy';

const FILTERS = ['bank', 'type', 'label', 'status', 'contributor', 'incident', 'value', 'uid'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;
const PAGE_SIZE = 25;

/**
 * Signals filtered and paginated by the node (GET /v1/signals, keyset pages), so a bank
 * of a million signals pages as fast as a small one. The filters live in the URL.
 */
export default function SignalsPage() {
  const { t } = useTranslation();
  const { params } = useLocation();
  const applied = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Filters;
  const before = params.get('before') ?? '';
  const pageNo = Number(params.get('page') ?? '1');
  const banks = useLoad(() => api<{ banks: Bank[] }>('/v1/banks'), []);
  // Incidents name the filter's choices; where they cannot be read, the filter still works from the URL.
  const incidents = useLoad(() => api<{ incidents: IncidentSummary[] }>('/v1/incidents').catch(() => undefined), []);
  const page = useLoad(() => api<{ signals: Signal[]; next: number | null }>(`/v1/signals${query({ ...applied, before, limit: PAGE_SIZE })}`), [params.toString()]);
  const [draft, setDraft] = useState<Filters>(applied);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/signals${query(draft)}`);
  };
  const field = (name: keyof Filters, options: readonly { value: string; text: string }[] | null) => (
    <div key={name}>
      <label htmlFor={`filter-${name}`}>{t(`signals.${name}`)}</label>
      {options ? (
        <select id={`filter-${name}`} name={name} value={draft[name]} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}>
          <option value="">{t('signals.any')}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.text}
            </option>
          ))}
        </select>
      ) : (
        <input id={`filter-${name}`} name={name} dir="auto" value={draft[name]} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} />
      )}
    </div>
  );
  const bankName = banks.data?.banks.find((b) => String(b.id) === applied.bank)?.name;
  return (
    <>
      <h1>
        {t('signals.title')}
        {bankName !== undefined && (
          <>
            {' · '}
            <Content text={bankName} />
          </>
        )}
      </h1>
      <form className="card filters" onSubmit={apply} aria-label={t('signals.filters')}>
        <div className="grid">
          {field('bank', banks.data?.banks.map((b) => ({ value: String(b.id), text: b.name })) ?? [])}
          {field('type', SIGNAL_TYPES.map((v) => ({ value: v, text: v })))}
          {field('label', LABELS.map((v) => ({ value: v, text: t(`label.${v}`) })))}
          {field('status', STATUSES.map((v) => ({ value: v, text: t(`status.${v}`) })))}
          {field('contributor', null)}
          {field('incident', incidents.data?.incidents.map((i) => ({ value: i.id, text: i.title })) ?? (applied.incident ? [{ value: applied.incident, text: applied.incident }] : []))}
          {field('value', null)}
          {field('uid', null)}
        </div>
        <button type="submit">{t('signals.apply')}</button>
      </form>
      {page.loading && <Loading />}
      <ErrorNote error={page.error} />
      {page.data && (page.data.signals.length === 0 ? <p>{t('signals.empty')}</p> : <SignalTable signals={page.data.signals} caption={t('signals.page', { n: pageNo })} />)}
      <nav className="pager" aria-label={t('signals.page', { n: pageNo })}>
        {before && (
          <button type="button" onClick={() => navigate(`/signals${query(applied)}`)}>
            {t('signals.first')}
          </button>
        )}
        {page.data?.next != null && (
          <button type="button" onClick={() => navigate(`/signals${query({ ...applied, before: page.data!.next, page: pageNo + 1 })}`)}>
            {t('signals.next')}
          </button>
        )}
      </nav>
    </>
  );
}
