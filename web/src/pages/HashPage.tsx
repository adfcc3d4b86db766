import { useState, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { HashedSignal, Match } from '../api/types';
import { hasAnyRole, useMe } from '../app/me-context';
import { Content } from '../components/Content';
import { ErrorNote } from '../components/Status';
import { MatchList } from './hash/MatchList';
import { SubmitForm } from './hash/SubmitForm';
import { RadioChoices } from '../components/RadioChoices';

type Source = 'file' | 'text' | 'url';
interface Hashed {
  signals: HashedSignal[];
  skipped: { type: string; skipped: string }[];
  matches: Match[];
}

/** Hash content on this node, see whether it is known, and add its signals to a bank. */
export default function HashPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [source, setSource] = useState<Source>('file');
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [hashed, setHashed] = useState<Hashed | null>(null);

  const hash = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setHashed(null);
    try {
      let body: unknown;
      if (source === 'file') {
        const form = new FormData();
        form.set('file', file!);
        body = form;
      } else body = source === 'text' ? { text } : { url };
      const result = await api<{ signals: HashedSignal[]; skipped: { type: string; skipped: string }[] }>('/v1/hash', { body });
      const matchable = result.signals.filter((s) => s.matchable).map((s) => ({ type: s.type, value: s.value }));
      const matches = matchable.length ? (await api<{ results: { matches: Match[] }[] }>('/v1/match', { body: { signals: matchable } })).results.flatMap((r) => r.matches) : [];
      setHashed({ ...result, matches });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    const dropped = e.dataTransfer.files[0];
    if (dropped) {
      setSource('file');
      setFile(dropped);
    }
  };

  const ready = source === 'file' ? file !== null : source === 'text' ? text.trim() !== '' : url.trim() !== '';
  return (
    <>
      <h1>{t('hash.title')}</h1>
      <form className="card" onSubmit={hash}>
        <RadioChoices legend={t('hash.source')} name="source" options={(['file', 'text', 'url'] as const)} value={source} onChange={setSource} captionOf={(s) => t(`hash.${s}`)} />
        {source === 'file' && (
          <div className="dropzone" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
            <label htmlFor="hash-file">{t('hash.drop')}</label>
            <input id="hash-file" type="file" aria-label={t('hash.chooseFile')} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            {file && <Content text={file.name} />}
          </div>
        )}
        {source === 'text' && (
          <>
            <label htmlFor="hash-text">{t('hash.textInput')}</label>
            <textarea id="hash-text" dir="auto" rows={5} value={text} onChange={(e) => setText(e.target.value)} />
          </>
        )}
        {source === 'url' && (
          <>
            <label htmlFor="hash-url">{t('hash.urlInput')}</label>
            <input id="hash-url" type="text" inputMode="url" dir="ltr" value={url} onChange={(e) => setUrl(e.target.value)} />
          </>
        )}
        <p className="hint">{t('hash.note')}</p>
        <button type="submit" disabled={!ready || busy}>
          {busy ? t('hash.hashing') : t('hash.hash')}
        </button>
      </form>
      <ErrorNote error={error} />
      {hashed && (
        <>
          <MatchList matches={hashed.matches} />
          <section className="card" aria-labelledby="signals-h">
            <h2 id="signals-h">{t('hash.signals')}</h2>
            <table className="signals">
              <thead>
                <tr>
                  <th scope="col">{t('signals.type')}</th>
                  <th scope="col">{t('signals.value')}</th>
                  <th scope="col">{t('hash.quality')}</th>
                  <th scope="col">{t('hash.matchable')}</th>
                </tr>
              </thead>
              <tbody>
                {hashed.signals.map((s) => (
                  <tr key={`${s.type}:${s.value}`}>
                    <td>{s.type}</td>
                    <td className="value">
                      <Content text={s.value} />
                    </td>
                    <td>{s.quality ?? '—'}</td>
                    <td>{s.matchable ? '✓' : t('hash.tooWeak')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {hashed.skipped.map((s) => (
              <p key={s.type} className="hint">
                {t('hash.skipped', { type: s.type, reason: s.skipped })}
              </p>
            ))}
          </section>
          {hasAnyRole(me, ['admin', 'curator']) && <SubmitForm signals={hashed.signals.filter((s) => s.matchable)} />}
        </>
      )}
    </>
  );
}
