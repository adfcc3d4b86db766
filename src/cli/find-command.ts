import { SELF_VIEWER } from '../access/viewer.js';
import { ReferralService } from '../coordination/referrals/referral-service.js';
import { ConcordError } from '../errors/concord-error.js';
import { referFind } from '../monitor/find-referral.js';
import { findViews } from '../monitor/find-view.js';
import { systemClock } from '../util/clock.js';
import type { CliIo } from './cli-io.js';
import { withNodeStore } from './cli-store.js';
import { ExitCode } from './exit-codes.js';
import type { ServeOptions } from './serve-command.js';
import { formatTable } from './table.js';
import { orderFromFlags, type ReferralTermsFlags } from './referral-flags.js';

type Options = ServeOptions & { readonly json?: boolean };

/** `concord find list`: the newest finds, with their incident, removal and referrals. */
export async function findListCommand(io: CliIo, o: Options & { open?: boolean; source?: number; limit?: number }): Promise<ExitCode> {
  return withNodeStore(o, async (store, _self, { config }) => {
    const page = await store.monitor.listFinds({ limit: o.limit ?? 100, ...(o.source ? { sourceId: o.source } : {}), ...(o.open ? { open: true } : {}) });
    const finds = await findViews(store, config.monitor.hostPartners, page, SELF_VIEWER);
    if (o.json) for (const f of finds) io.out(JSON.stringify(f));
    else if (finds.length === 0) io.out('no finds');
    else
      io.out(
        formatTable(
          ['id', 'url', 'labels', 'incident', 'first seen', 'removed', 'referred to'],
          finds.map((f) => [String(f.id), f.url, [...new Set(f.signals.map((s) => s.label))].join(','), f.incidentId ?? '-', f.firstSeenAt, f.removedAt ? `${f.removedAt} (${f.removal})` : '-', f.referrals.map((r) => r.partner).join(',') || (f.responsiblePartner ? `(proposed: ${f.responsiblePartner})` : '-')]),
        ),
      );
    return ExitCode.OK;
  });
}

/** `concord find show <id>`: one find as JSON. */
export async function findShowCommand(io: CliIo, id: number, o: Options): Promise<ExitCode> {
  return withNodeStore(o, async (store, _self, { config }) => {
    const find = await store.monitor.getFind(id);
    if (!find) throw new ConcordError('NOT_FOUND', `no find with id ${id}`);
    const [view] = await findViews(store, config.monitor.hostPartners, [find], SELF_VIEWER);
    io.out(JSON.stringify(view, null, 2));
    return ExitCode.OK;
  });
}

export interface FindReferOptions extends Options, ReferralTermsFlags {
  readonly to?: string;
  readonly kind?: string;
  readonly label?: string;
}

/**
 * `concord find refer <id>`: POST /v1/finds/{id}/referral from the command line. Written to
 * this node's store and signed into its feed; the running node serves it to the partner.
 */
export async function findReferCommand(io: CliIo, id: number, o: FindReferOptions): Promise<ExitCode> {
  const order = orderFromFlags(o);
  const input = {
    ...(o.to ? { to: o.to } : {}),
    ...(o.kind ? { kind: o.kind } : {}),
    ...(o.label ? { label: o.label } : {}),
    grounds: o.ground,
    legalBasis: o.legalBasis ?? '',
    statementOfReasons: o.reasons ?? '',
    redress: o.redress ?? '',
    ...(o.deadline ? { deadline: o.deadline } : {}),
    ...(order ? { order } : {}),
  };
  return withNodeStore(o, async (store, self, { config }) => {
    const referrals = new ReferralService(store, config, systemClock);
    const { referral } = await referFind({ store, config, clock: systemClock, referrals, selfPartner: self.partner }, id, input, self);
    io.out(o.json ? JSON.stringify(referral) : `find ${id} referred: ${String(referral.kind)} ${String(referral.id)} sent to ${String(referral.receiver)}`);
    return ExitCode.OK;
  });
}
