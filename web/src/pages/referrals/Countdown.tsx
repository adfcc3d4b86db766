import { useTranslation } from 'react-i18next';
import type { Referral } from '../../api/types';
import { clockState, formatSpan } from './clock-state';

/**
 * A referral's legal clock, ticking with the node's time (`now` from useServerNow, never
 * the browser's clock alone): time left, overdue, paused by an obstacle, or stopped.
 */
export function Countdown({ referral, now }: { referral: Referral; now: number | null }) {
  const { t } = useTranslation();
  if (now === null) return <span className="countdown waiting">{t('referrals.clock.syncing')}</span>;
  const state = clockState(referral, now);
  const clock = t(`referrals.stopsOn.${referral.clock.stopsOn}`);
  switch (state.kind) {
    case 'waiting':
      return <span className="countdown waiting">{t('referrals.clock.waiting')}</span>;
    case 'running':
      return (
        <span className="countdown running" role="timer" aria-label={t('referrals.clock.leftLabel', { clock })}>
          {t('referrals.clock.left', { span: formatSpan(state.leftMs), clock })}
        </span>
      );
    case 'overdue':
      return (
        <strong className="countdown overdue" role="timer" aria-label={t('referrals.clock.leftLabel', { clock })}>
          {t('referrals.clock.overdue', { span: formatSpan(state.lateMs), clock })}
        </strong>
      );
    case 'paused':
      return <span className="countdown paused">{t('referrals.clock.paused', { span: formatSpan(state.leftMs) })}</span>;
    case 'stopped':
      return <span className="countdown stopped">{t(`referrals.clock.${state.reason}`)}</span>;
  }
}
