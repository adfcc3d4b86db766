import { readFileSync } from 'node:fs';
import { NewReferralSchema } from '../coordination/referrals/referral-input.js';
import { ReferralService } from '../coordination/referrals/referral-service.js';
import { ConcordError } from '../errors/concord-error.js';
import { systemClock } from '../util/clock.js';
import type { CliIo } from './cli-io.js';
import { withNodeStore } from './cli-store.js';
import { ExitCode } from './exit-codes.js';
import type { ServeOptions } from './serve-command.js';
import { formatTable } from './table.js';
import { orderFromFlags, type ReferralTermsFlags } from './referral-flags.js';

export interface ReferralSendOptions extends ServeOptions, ReferralTermsFlags {
  readonly file?: string;
  readonly to?: string;
  readonly kind?: string;
  readonly url: string[];
  readonly signal: string[];
  readonly label?: string;
  readonly withholdNoticeUntil?: string;
  readonly incident?: string;
  readonly json?: boolean;
}

const service = <T>(options: ServeOptions, fn: (referrals: ReferralService, actor: { partner: string; keyId: string | null }) => Promise<T>) =>
  withNodeStore(options, (store, self, { config }) => fn(new ReferralService(store, config, systemClock), self));

/**
 * `concord referral send`: the body of POST /v1/referrals from `--file`, or built from
 * flags (flags win over the file). Written to this node's store and signed into its feed;
 * the running node serves it to the receiver at its next long poll.
 */
export async function referralSendCommand(io: CliIo, o: ReferralSendOptions): Promise<ExitCode> {
  const base = o.file ? (JSON.parse(readFileSync(o.file, 'utf8')) as Record<string, unknown>) : {};
  const content = (base.content ?? {}) as { urls?: string[]; signalUids?: string[] };
  const order = orderFromFlags(o) ?? base.order;
  const raw = {
    ...base,
    ...(o.to ? { to: o.to } : {}),
    ...(o.kind ? { kind: o.kind } : {}),
    content: { urls: [...(content.urls ?? []), ...o.url], signalUids: [...(content.signalUids ?? []), ...o.signal] },
    ...(o.label ? { label: o.label } : {}),
    ...(o.ground.length ? { grounds: o.ground } : {}),
    ...(o.legalBasis ? { legalBasis: o.legalBasis } : {}),
    ...(o.reasons ? { statementOfReasons: o.reasons } : {}),
    ...(o.redress ? { redress: o.redress } : {}),
    ...(o.withholdNoticeUntil ? { noticeWithheld: { withheld: true, until: o.withholdNoticeUntil } } : {}),
    ...(o.incident ? { incidentId: o.incident } : {}),
    ...(o.deadline ? { deadline: o.deadline } : {}),
    ...(order !== undefined ? { order } : {}),
  };
  const parsed = NewReferralSchema.safeParse(raw);
  if (!parsed.success) throw new ConcordError('USAGE_INVALID', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return service(o, async (referrals, actor) => {
    const r = await referrals.send(parsed.data, actor);
    io.out(o.json ? JSON.stringify(r) : `referral ${String(r.id)} (${String(r.kind)}) sent to ${String(r.receiver)}${r.scrutinyAuthority ? `, copy to ${String(r.scrutinyAuthority)}` : ''}`);
    return ExitCode.OK;
  });
}

/** `concord referral list`: sent and received referrals with their clocks. */
export async function referralListCommand(io: CliIo, o: ServeOptions & { direction?: 'in' | 'out'; status?: string; overdue?: boolean; json?: boolean }): Promise<ExitCode> {
  if (o.direction !== undefined && o.direction !== 'in' && o.direction !== 'out') throw new ConcordError('USAGE_INVALID', '--direction is in or out');
  return service(o, async (referrals) => {
    const list = await referrals.list({ direction: o.direction, status: o.status, overdue: o.overdue === true });
    if (o.json) for (const r of list) io.out(JSON.stringify(r));
    else {
      const cell = (v: unknown) => (v === null || v === undefined ? '-' : String(v));
      io.out(formatTable(['id', 'role', 'kind', 'status', 'sender', 'receiver', 'due', 'overdue'], list.map((r) => [cell(r.id), cell(r.role), cell(r.kind), cell(r.status), cell(r.sender), cell(r.receiver), cell((r.clock as { dueAt: string | null }).dueAt), r.overdue ? 'OVERDUE' : ''])));
    }
    return ExitCode.OK;
  });
}

/** `concord referral show <id>`: one referral with its history, as JSON. */
export async function referralShowCommand(io: CliIo, id: string, o: ServeOptions): Promise<ExitCode> {
  return service(o, async (referrals) => {
    io.out(JSON.stringify(await referrals.get(id), null, 2));
    return ExitCode.OK;
  });
}

/** `concord referral decide <id>`: the receiver's decision (Annex II). */
export async function referralDecideCommand(io: CliIo, id: string, o: ServeOptions & { outcome: string; actedAt?: string; reason?: string; json?: boolean }): Promise<ExitCode> {
  return service(o, async (referrals, actor) => {
    const r = await referrals.act(id, 'decided', { outcome: o.outcome, actedAt: o.actedAt ?? null, reason: o.reason ?? '' }, actor);
    io.out(o.json ? JSON.stringify(r) : `referral ${id}: ${o.outcome}${o.actedAt ? ` at ${o.actedAt}` : ''}`);
    return ExitCode.OK;
  });
}
