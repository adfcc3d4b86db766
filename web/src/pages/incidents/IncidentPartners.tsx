import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { IncidentDetail } from '../../api/types';
import { useLoad } from '../../components/useLoad';

/**
 * The nodes working an incident: every author on its timeline. GET /v1/incidents carries no
 * timeline, so each listed row asks for its incident (the list shows at most PARTNER_ROWS).
 */
export const PARTNER_ROWS = 50;

export function IncidentPartners({ id, self }: { id: string; self: string }) {
  const { t } = useTranslation();
  const detail = useLoad(() => api<IncidentDetail>(`/v1/incidents/${encodeURIComponent(id)}`), [id]);
  if (!detail.data) return <span>…</span>;
  const nodes = [...new Set(detail.data.timeline.map((e) => e.byNode))];
  return <span>{nodes.map((n) => (n === self ? t('incidents.thisNode') : n)).join(', ')}</span>;
}
