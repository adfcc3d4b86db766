import { Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, onUnauthorised } from '../api/client';
import { session } from '../api/session';
import type { Me } from '../api/types';
import { Link } from '../components/Link';
import { Loading } from '../components/Status';
import { SignInPage } from '../pages/SignInPage';
import { LanguageSwitcher } from './LanguageSwitcher';
import { hasAnyRole, MeContext } from './me-context';
import { PAGES, pageFor } from './nav';
import { navigate, useLocation } from './router';

/** The console's shell: sign-in, the menu the key's roles allow, and the current page. */
export function App({ initialMe }: { initialMe?: Promise<Me> }) {
  const { t } = useTranslation();
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(session.key() !== null);
  const { path } = useLocation();

  const signOut = useCallback(() => {
    session.signOut();
    setMe(null);
    navigate('/');
  }, []);

  useEffect(() => onUnauthorised(signOut), [signOut]);
  useEffect(() => {
    if (!session.key()) return;
    (initialMe ?? api<Me>('/v1/me')).then(setMe, () => session.signOut()).finally(() => setChecking(false));
  }, [initialMe]);

  const title = t('app.title');
  const found = pageFor(path);
  // The tab names the page: its menu caption, or for a page reached from another one its own title with the id it shows.
  const pageTitle = !me ? t('signIn.title') : found && hasAnyRole(me, found.page.roles) ? t(found.page.title ?? `nav.${found.page.id}`, { id: found.id }) : t('titles.notFound');
  useEffect(() => {
    document.title = checking ? title : `${pageTitle} · ${title}`;
  }, [checking, pageTitle, title]);

  if (checking) return <Loading />;
  if (!me) {
    return (
      <div className="signed-out">
        <header className="topbar">
          <span className="brand">{title}</span>
          <LanguageSwitcher />
        </header>
        <main id="main">
          <SignInPage onSignedIn={(key, who) => (session.signIn(key), setMe(who))} />
        </main>
      </div>
    );
  }

  const allowed = PAGES.filter((p) => hasAnyRole(me, p.roles));
  const current = found && hasAnyRole(me, found.page.roles) ? found : undefined;
  const Page = current?.page.component;
  return (
    <MeContext.Provider value={me}>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <span className="brand">{title}</span>
        <span className="who">{t('app.signedInAs', { partner: me.partnerId, roles: me.roles.map((r) => t(`role.${r}`)).join(', ') })}</span>
        <LanguageSwitcher />
        <button type="button" onClick={signOut}>
          {t('app.signOut')}
        </button>
      </header>
      <div className="layout">
        <nav aria-label={t('app.nav')}>
          <ul>
            {allowed
              .filter((p) => p.inMenu)
              .map((p) => (
                <li key={p.id}>
                  <Link to={p.path} aria-current={current?.page.id === p.id ? 'page' : undefined}>
                    {t(`nav.${p.id}`)}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          <Suspense fallback={<Loading />}>{Page ? <Page key={path} id={current?.id} /> : <NotFound />}</Suspense>
        </main>
      </div>
    </MeContext.Provider>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('titles.notFound')}</h1>
      <p>{t('titles.notFoundHelp')}</p>
      <p>
        <Link to="/">{t('nav.dashboard')}</Link>
      </p>
    </>
  );
}
