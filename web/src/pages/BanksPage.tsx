import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Bank } from '../api/types';
import { hasAnyRole, useMe } from '../app/me-context';
import { Content } from '../components/Content';
import { Link } from '../components/Link';
import { ErrorNote, Loading, Notice } from '../components/Status';
import { useLoad } from '../components/useLoad';

/** The banks this key may see, each leading to its signals; curators create banks here. */
export default function BanksPage() {
  const { t } = useTranslation();
  const me = useMe();
  const banks = useLoad(() => api<{ banks: Bank[] }>('/v1/banks'), []);
  return (
    <>
      <h1>{t('banks.title')}</h1>
      {banks.loading && <Loading />}
      <ErrorNote error={banks.error} />
      {banks.data?.banks.length === 0 && <p>{t('banks.empty')}</p>}
      {banks.data && banks.data.banks.length > 0 && (
        <table>
          <caption>{t('banks.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('banks.name')}</th>
              <th scope="col">{t('banks.description')}</th>
              <th scope="col">{t('banks.owner')}</th>
              <th scope="col">{t('signals.title')}</th>
            </tr>
          </thead>
          <tbody>
            {banks.data.banks.map((b) => (
              <tr key={b.id}>
                <td className="reason">
                  <Content text={b.name} />
                </td>
                <td className="reason">
                  <Content text={b.description} />
                </td>
                <td>{b.owner}</td>
                <td>
                  <Link to={`/signals?bank=${b.id}`} aria-label={`${t('banks.browse')}: ${b.id}`}>
                    {t('banks.browse')}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hasAnyRole(me, ['admin', 'curator']) && <CreateBank onCreated={banks.reload} />}
    </>
  );
}

function CreateBank({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('/v1/banks', { body: { name, description } });
      setName('');
      setDescription('');
      setDone(t('banks.created'));
      onCreated();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="create-bank-h">
      <h2 id="create-bank-h">{t('banks.create')}</h2>
      <label htmlFor="bank-name">{t('banks.name')}</label>
      <input id="bank-name" dir="auto" required value={name} onChange={(e) => setName(e.target.value)} />
      <label htmlFor="bank-description">{t('banks.description')}</label>
      <textarea id="bank-description" dir="auto" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
      <button type="submit">{t('banks.createButton')}</button>
      <ErrorNote error={error} />
      <Notice text={done} />
    </form>
  );
}
