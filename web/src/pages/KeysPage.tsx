import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { ApiKey, Role } from '../api/types';
import { hasAnyRole, useMe } from '../app/me-context';
import { Content } from '../components/Content';
import { ErrorNote, Loading } from '../components/Status';
import { Time } from '../components/Time';
import { useLoad } from '../components/useLoad';
import { ROLES } from '../domain/taxonomy';

/** API keys and their roles (never their secrets); admins create and revoke keys. */
export default function KeysPage() {
  const { t } = useTranslation();
  const me = useMe();
  const admin = hasAnyRole(me, ['admin']);
  const keys = useLoad(() => api<{ keys: ApiKey[] }>('/v1/keys'), []);
  const [error, setError] = useState<unknown>(null);
  const revoke = async (id: string) => {
    setError(null);
    try {
      await api(`/v1/keys/${encodeURIComponent(id)}/revoke`, { method: 'POST', body: {} });
      keys.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <h1>{t('keys.title')}</h1>
      {keys.loading && <Loading />}
      <ErrorNote error={keys.error ?? error} />
      {keys.data && (
        <table>
          <caption>{t('keys.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('keys.id')}</th>
              <th scope="col">{t('keys.partner')}</th>
              <th scope="col">{t('keys.roles')}</th>
              <th scope="col">{t('keys.purpose')}</th>
              <th scope="col">{t('keys.created')}</th>
              <th scope="col">{t('keys.state')}</th>
            </tr>
          </thead>
          <tbody>
            {keys.data.keys.map((k) => (
              <tr key={k.id}>
                <td>{k.id}</td>
                <td>{k.partnerId}</td>
                <td>{k.roles.map((r) => t(`role.${r}`)).join(', ')}</td>
                <td className="reason">
                  <Content text={k.purpose} />
                </td>
                <td>
                  <Time iso={k.createdAt} />
                </td>
                <td>
                  {k.revokedAt ? (
                    t('keys.revoked', { at: new Date(k.revokedAt).toLocaleString() })
                  ) : admin && k.id !== me.keyId ? (
                    <button type="button" className="danger" onClick={() => void revoke(k.id)}>
                      {t('keys.revoke', { id: k.id })}
                    </button>
                  ) : (
                    t('keys.active')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {admin && <CreateKey onCreated={keys.reload} />}
    </>
  );
}

function CreateKey({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const [roles, setRoles] = useState<Role[]>(['matcher']);
  const [purpose, setPurpose] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      setSecret((await api<{ key: string }>('/v1/keys', { body: { roles, purpose } })).key);
      onCreated();
    } catch (err) {
      setError(err);
    }
  };
  const toggle = (r: Role) => setRoles(roles.includes(r) ? roles.filter((x) => x !== r) : [...roles, r]);
  return (
    <form className="card" onSubmit={submit} aria-labelledby="create-key-h">
      <h2 id="create-key-h">{t('keys.create')}</h2>
      <fieldset className="choices">
        <legend>{t('keys.rolesLegend')}</legend>
        {ROLES.map((r) => (
          <label key={r}>
            <input type="checkbox" name="roles" value={r} checked={roles.includes(r)} onChange={() => toggle(r)} /> {t(`role.${r}`)}
          </label>
        ))}
      </fieldset>
      <label htmlFor="key-purpose">{t('keys.purpose')}</label>
      <input id="key-purpose" dir="auto" value={purpose} onChange={(e) => setPurpose(e.target.value)} />
      <button type="submit" disabled={roles.length === 0}>
        {t('keys.createButton')}
      </button>
      <ErrorNote error={error} />
      {secret && (
        <p role="status" className="notice">
          {t('keys.secret')} <code className="secret">{secret}</code>
        </p>
      )}
    </form>
  );
}
