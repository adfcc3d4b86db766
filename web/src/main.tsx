import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api, prefetch } from './api/client';
import { session } from './api/session';
import type { Me } from './api/types';
import { App } from './app/App';
import { initI18n } from './i18n/i18n';

// Who the stored key is, asked while the translations load: one round trip off the first view.
const me = session.key() ? api<Me>('/v1/me') : undefined;
me?.catch(() => undefined); // App handles a refusal; this only keeps it from counting as unhandled meanwhile.
// The dashboard's first figures (public, so nothing is revealed to a key that may not read them).
if (me && location.pathname === '/') prefetch('/healthz');

void initI18n().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App initialMe={me} />
    </StrictMode>,
  );
});
