import { lazy, type ComponentType } from 'react';
import type { Role } from '../api/types';
import DashboardPage from '../pages/DashboardPage';

/**
 * The console's pages: path, navigation label, the roles that may open it (the API's
 * route-permissions table decides; this only hides what would be refused) and the page,
 * loaded on first visit so the initial bundle stays small.
 */
export interface Page {
  readonly id: string;
  readonly path: string;
  /** A path pattern with `:id`, for pages reached from another page rather than the menu. */
  readonly pattern?: RegExp;
  readonly roles: readonly Role[];
  readonly inMenu: boolean;
  /** The message naming the page in the browser's tab, `{{id}}` the id its path names; the menu caption otherwise. */
  readonly title?: string;
  /** Lazy for pages loaded on first visit; a plain component for the landing page (no Suspense, so no reveal delay). */
  readonly component: ComponentType<{ id?: string }>;
}

const READERS: Role[] = ['admin', 'curator', 'reviewer', 'auditor'];

/**
 * A page already in the bundle, rendered as it is: wrapped in lazy() it would suspend once,
 * and React holds a revealed Suspense boundary back ~300 ms, which the first view paid.
 */
const eager = (page: ComponentType<{ id?: string }>) => page;

export const PAGES: readonly Page[] = [
  // The landing page ships in the initial bundle (one round trip less to the first view); its chart stays split off.
  { id: 'dashboard', path: '/', roles: ['admin', 'curator', 'reviewer', 'matcher', 'auditor'], inMenu: true, component: eager(DashboardPage) },
  { id: 'hash', path: '/hash', roles: ['admin', 'curator', 'reviewer', 'matcher'], inMenu: true, component: lazy(() => import('../pages/HashPage')) },
  { id: 'review', path: '/review', roles: ['admin', 'reviewer'], inMenu: true, component: lazy(() => import('../pages/ReviewPage')) },
  { id: 'banks', path: '/banks', roles: READERS, inMenu: true, component: lazy(() => import('../pages/BanksPage')) },
  { id: 'signals', path: '/signals', roles: READERS, inMenu: true, component: lazy(() => import('../pages/SignalsPage')) },
  { id: 'signal', path: '/signals/:id', pattern: /^\/signals\/(\d+)$/, roles: READERS, inMenu: false, title: 'titles.signal', component: lazy(() => import('../pages/SignalPage')) },
  // Clusters, alerts and incidents name signals by their network id: this page finds the signal's page.
  { id: 'signal-uid', path: '/signals/uid/:uid', pattern: /^\/signals\/uid\/([^/]{1,300})$/, roles: READERS, inMenu: false, title: 'titles.signal', component: lazy(() => import('../pages/SignalByUidPage')) },
  { id: 'partners', path: '/partners', roles: ['admin', 'auditor'], inMenu: true, component: lazy(() => import('../pages/PartnersPage')) },
  { id: 'keys', path: '/keys', roles: ['admin', 'auditor'], inMenu: true, component: lazy(() => import('../pages/KeysPage')) },
  { id: 'audit', path: '/audit', roles: ['admin', 'auditor'], inMenu: true, component: lazy(() => import('../pages/AuditPage')) },
  // Coordination: fixed paths before the `:id` patterns they would otherwise match.
  { id: 'incidents', path: '/incidents', roles: READERS, inMenu: true, component: lazy(() => import('../pages/incidents/IncidentsPage')) },
  { id: 'incident-declare', path: '/incidents/declare', roles: ['admin', 'curator'], inMenu: false, title: 'incidents.declare.title', component: lazy(() => import('../pages/incidents/IncidentDeclarePage')) },
  { id: 'incident', path: '/incidents/:id', pattern: /^\/incidents\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, roles: READERS, inMenu: false, title: 'titles.incident', component: lazy(() => import('../pages/incidents/IncidentPage')) },
  // Early warning (GET /v1/clusters): the same readers as incidents. A cluster is named after its oldest signal: the path's id is that uid.
  { id: 'clusters', path: '/clusters', roles: READERS, inMenu: true, component: lazy(() => import('../pages/clusters/ClustersPage')) },
  { id: 'cluster', path: '/clusters/:id', pattern: /^\/clusters\/cluster(?::|%3A)([^/]{1,212})$/i, roles: READERS, inMenu: false, title: 'titles.cluster', component: lazy(() => import('../pages/clusters/ClusterPage')) },
  { id: 'referrals', path: '/referrals', roles: READERS, inMenu: true, component: lazy(() => import('../pages/referrals/ReferralsPage')) },
  { id: 'referral-send', path: '/referrals/send', roles: ['admin', 'curator'], inMenu: false, title: 'referrals.send.title', component: lazy(() => import('../pages/referrals/ReferralSendPage')) },
  { id: 'referral', path: '/referrals/:id', pattern: /^\/referrals\/([A-Za-z0-9._:-]{1,100})$/, roles: READERS, inMenu: false, title: 'titles.referral', component: lazy(() => import('../pages/referrals/ReferralPage')) },
  { id: 'alerts', path: '/alerts', roles: READERS, inMenu: true, component: lazy(() => import('../pages/AlertsPage')) },
  { id: 'transparency', path: '/transparency', roles: ['admin', 'auditor'], inMenu: true, component: lazy(() => import('../pages/TransparencyPage')) },
];

/** The page for a path, and the id it names (signal pages), as written (percent-escapes undone). */
export function pageFor(path: string): { page: Page; id?: string } | undefined {
  for (const page of PAGES) {
    if (page.pattern) {
      const m = page.pattern.exec(path);
      if (m) return { page, id: decoded(m[1]!) };
    } else if (page.path === path) return { page };
  }
  return undefined;
}

function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part; // a stray '%': the page answers for the id as written
  }
}
