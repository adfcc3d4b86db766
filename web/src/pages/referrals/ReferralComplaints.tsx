import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Referral } from '../../api/types';
import { Content } from '../../components/Content';
import { Notice } from '../../components/Status';
import { ComplaintForm, ReinstatementForm } from './ComplaintForms';
import { ExactTime } from './ExactTime';

/** A complaint as the signed history holds it: the content it is about and the decision, nothing about who complained. */
interface Complaint {
  readonly at: string;
  readonly contentRef: string;
  readonly decision: string;
}

export function complaintsOf(r: Referral): Complaint[] {
  return (r.history ?? []).filter((e) => e.type === 'complaint').map((e) => ({ at: e.at, contentRef: String(e.details.contentRef ?? ''), decision: String(e.details.decision ?? '') }));
}

/** Complaints may follow a removal or disabling (Art. 10); the receiver records them and any reinstatement. */
const removed = (r: Referral) => r.decision?.outcome === 'removed' || r.decision?.outcome === 'disabled';

/**
 * A referral's complaints (Art. 10) and reinstatement: those recorded (both parties see
 * them on the signed history), and for the receiver's curators the forms to record a
 * complaint's decision and, once one is upheld or scrutiny voided the order, the reinstatement.
 */
export function ReferralComplaints({ referral: r, canAct, onDone }: { referral: Referral; canAct: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const [done, setDone] = useState<string | null>(null);
  const complaints = complaintsOf(r);
  const receiver = r.role === 'receiver';
  if (!(receiver && removed(r)) && complaints.length === 0 && r.reinstatement === null) return null;
  const refs = [...r.content.urls, ...r.content.signalUids];
  const upheld = complaints.filter((c) => c.decision === 'upheld').at(-1)?.contentRef;
  const recorded = (message: string) => {
    setDone(message);
    onDone();
  };
  return (
    <section className="card" aria-labelledby="complaints-h">
      <h2 id="complaints-h">{t('referrals.complaints.title')}</h2>
      <p className="hint">{t('referrals.complaints.note')}</p>
      {complaints.length === 0 ? (
        <p>{t('referrals.complaints.none')}</p>
      ) : (
        <table>
          <caption>{t('referrals.complaints.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('referrals.complaints.at')}</th>
              <th scope="col">{t('referrals.complaints.contentRef')}</th>
              <th scope="col">{t('referrals.complaints.decision')}</th>
            </tr>
          </thead>
          <tbody>
            {complaints.map((c, i) => (
              <tr key={`${c.at}-${i}`}>
                <td>
                  <ExactTime iso={c.at} />
                </td>
                <td className="value">
                  <Content text={c.contentRef} />
                </td>
                <td>{t(`referrals.complaints.decisions.${c.decision}`, { defaultValue: c.decision })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <dl>
        <dt>{t('referrals.complaints.reinstatement')}</dt>
        <dd>
          {r.reinstatement === null
            ? t('referrals.complaints.noReinstatement')
            : r.reinstatement.status === 'done'
              ? t('referrals.complaints.doneAt', { at: r.reinstatement.at ?? '—' })
              : t('referrals.complaints.pendingSince')}
        </dd>
      </dl>
      {canAct && receiver && removed(r) && refs.length > 0 && <ComplaintForm referral={r} refs={refs} onDone={recorded} />}
      {canAct && receiver && r.reinstatement?.status === 'pending' && refs.length > 0 && <ReinstatementForm referral={r} refs={refs} initial={upheld} onDone={recorded} />}
      <Notice text={done} />
    </section>
  );
}
