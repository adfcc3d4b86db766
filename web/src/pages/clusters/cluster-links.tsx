import { api } from '../../api/client';
import type { IncidentSummary } from '../../api/types';
import { Content } from '../../components/Content';
import { Link } from '../../components/Link';
import { useLoad } from '../../components/useLoad';

/** A cluster's console path (its id, `cluster:<uid>`, escaped as one path segment). */
export const clusterPath = (id: string): string => `/clusters/${encodeURIComponent(id)}`;

/** A cluster's id without the `cluster:` prefix every id carries: the uid of its oldest signal. */
export const clusterName = (id: string): string => id.replace(/^cluster:/, '');

/** A signal named by its network id, linked to its page (resolved by SignalByUidPage). */
export function SignalUidLink({ uid }: { uid: string }) {
  return (
    <Link to={`/signals/uid/${encodeURIComponent(uid)}`} className="value">
      <code>{uid}</code>
    </Link>
  );
}

/**
 * The titles of the incidents this key may see, to name the incidents a cluster touches
 * (one request for the page); where incidents cannot be read, links show the ids.
 */
export function useIncidentTitles(): ReadonlyMap<string, string> {
  const list = useLoad(() => api<{ incidents: IncidentSummary[] }>('/v1/incidents').catch(() => ({ incidents: [] })), []);
  return new Map((list.data?.incidents ?? []).map((i) => [i.id, i.title]));
}

/** An incident, by its title (someone's text: inert, in its own direction) where known. */
export function IncidentLink({ id, titles }: { id: string; titles: ReadonlyMap<string, string> }) {
  const title = titles.get(id);
  return <Link to={`/incidents/${encodeURIComponent(id)}`}>{title !== undefined ? <Content text={title} /> : <code>{id}</code>}</Link>;
}
