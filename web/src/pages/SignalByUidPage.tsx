import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../api/client';
import type { Signal } from '../api/types';
import { navigate } from '../app/router';
import { ErrorNote, Loading } from '../components/Status';
import { useLoad } from '../components/useLoad';

/**
 * Forwards a signal's network id (as clusters, alerts and incidents name signals) to its
 * page, found through GET /v1/signals?uid= under the key's distribution rule; the forward
 * replaces this step in the history, so Back returns to where the link was.
 */
export default function SignalByUidPage({ id: uid }: { id?: string }) {
  const { t } = useTranslation();
  const found = useLoad(async () => (await api<{ signals: Signal[] }>(`/v1/signals${query({ uid, limit: 1 })}`)).signals[0] ?? null, [uid]);
  const signal = found.data;
  useEffect(() => {
    if (signal) navigate(`/signals/${signal.id}`, { replace: true });
  }, [signal]);
  if (found.loading || signal) return <Loading />;
  return (
    <>
      <h1>{t('titles.signal', { id: uid })}</h1>
      {found.error ? <ErrorNote error={found.error} /> : <p>{t('titles.signalUnknown')}</p>}
    </>
  );
}
