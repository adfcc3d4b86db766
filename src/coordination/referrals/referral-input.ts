import { z } from 'zod';
import { ConcordError } from '../../errors/concord-error.js';
import { canonicaliseUrl } from '../../signals/url/url-canonical.js';
import { isLabel, LABELS } from '../../taxonomy/labels.js';
import { isOneOf, REFERRAL_GROUNDS, REFERRAL_KINDS, REMOVAL_ORDER_WINDOW_MS, type ReferralGround, type ReferralKind } from './referral-terms.js';

const Line = z.string().trim().min(1).max(500);
const Long = z.string().trim().min(3).max(8000);

/**
 * Annex I of Regulation (EU) 2021/784, the removal order form, in the fields that are not
 * already the referral's own (content URLs: section D; grounds and statement of reasons:
 * section E; redress: section G; withheld notice: Art. 11(3)). Organisations only: the
 * contact point is a unit's functional address, never a person.
 */
export const OrderFieldsSchema = z.object({
  /** Section A: the issuing competent authority. */
  issuingAuthority: Line,
  /** Section A: its file or reference number. */
  reference: Line,
  /** The Member State of the issuing authority (ISO 3166-1 alpha-2, EL for Greece). */
  memberState: z.string().regex(/^[A-Z]{2}$/, 'two capital letters'),
  /** Section A: date and time of issue (ISO 8601). */
  issuedAt: z.iso.datetime({ offset: true }),
  /** Section A: the authority's functional contact point (a unit's mailbox or desk), for questions on the order. */
  contactPoint: Line,
  /** Section B: whether the order is transmitted through the competent authority of the host's Member State (Art. 3(1)/(2)). */
  viaHostAuthority: z.boolean().default(false),
});
export type OrderFields = z.infer<typeof OrderFieldsSchema>;

/** The body of POST /v1/referrals. Closed lists are checked after parsing, so each gets its own error code. */
export const NewReferralSchema = z.object({
  to: z.string().trim().min(1).max(100),
  kind: z.string().max(64),
  content: z.object({ urls: z.array(z.string().max(4096)).max(500).default([]), signalUids: z.array(z.string().max(100)).max(500).default([]) }),
  label: z.string().max(100),
  grounds: z.array(z.string().max(64)).max(10),
  legalBasis: Long,
  statementOfReasons: Long,
  redress: Long,
  /** Art. 11(3): the content provider is not told, for the period given (ISO date-time). */
  noticeWithheld: z.object({ withheld: z.boolean(), until: z.iso.datetime({ offset: true }).nullable().default(null) }).default({ withheld: false, until: null }),
  incidentId: z.string().max(200).nullable().default(null),
  /** Kind `referral` only: when the review is due (ISO date-time); default now + referrals.referralDeadlineHours. */
  deadline: z.iso.datetime({ offset: true }).optional(),
  order: z.unknown().optional(),
});
export type NewReferralInput = z.infer<typeof NewReferralSchema>;

/** An incident id as the incidents module issues them: a UUID. Whether this node holds it is checked by the service (referral-service.ts), against the store. */
const INCIDENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SIGNAL_UID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/** A referral as validated, ready to store and send. */
export interface ValidReferral {
  readonly to: string;
  readonly kind: ReferralKind;
  readonly urls: readonly string[];
  readonly signalUids: readonly string[];
  /** `url:<canonical>` and `signal:<uid>`: what deconfliction compares. */
  readonly contentKeys: readonly string[];
  readonly label: string;
  readonly grounds: readonly ReferralGround[];
  readonly legalBasis: string;
  readonly reasons: string;
  readonly redress: string;
  readonly noticeWithheld: boolean;
  readonly noticeWithheldUntil: string | null;
  readonly incidentId: string | null;
  readonly order: OrderFields | null;
  readonly windowMs: number;
}

export interface ReferralDefaults {
  readonly referralDeadlineHours: number;
  readonly threatToLifeAckMinutes: number;
}

/**
 * Checks a new referral against the closed lists and the TCO's rules, in the order a
 * person fixing the form would want: kind, partner, content, label, grounds, incident,
 * deadline, Annex I. Throws the first problem as a coded error; nothing is stored yet.
 */
export function validateReferral(input: NewReferralInput, now: number, defaults: ReferralDefaults, partnerKnown: (id: string) => boolean): ValidReferral {
  const kind = input.kind;
  if (!isOneOf(REFERRAL_KINDS, kind)) throw new ConcordError('REFERRAL_KIND_UNKNOWN', `unknown kind "${kind}"; use one of ${REFERRAL_KINDS.join(', ')}`);
  if (!partnerKnown(input.to)) throw new ConcordError('REFERRAL_PARTNER_UNKNOWN', `"${input.to}" is not a partner node registered here`);
  const urls: string[] = [];
  const keys = new Set<string>();
  for (const raw of input.content.urls) {
    const c = canonicaliseUrl(raw);
    if (!c.ok) throw new ConcordError('URL_INVALID', `content URL "${raw.slice(0, 200)}": ${c.message}`);
    urls.push(raw);
    keys.add(`url:${c.value.value}`);
  }
  for (const uid of input.content.signalUids) {
    if (!SIGNAL_UID.test(uid)) throw new ConcordError('REFERRAL_FIELDS_INVALID', `signal uid "${uid.slice(0, 100)}" is not a signal id`);
    keys.add(`signal:${uid}`);
  }
  if (keys.size === 0) throw new ConcordError('REFERRAL_FIELDS_INVALID', 'name the content: at least one URL or signal uid');
  if (!isLabel(input.label)) throw new ConcordError('LABEL_UNKNOWN', `unknown label "${input.label}"; the taxonomy has: ${Object.keys(LABELS).join(', ')}`);
  const grounds = [...new Set(input.grounds)];
  for (const g of grounds) {
    if (!Object.hasOwn(REFERRAL_GROUNDS, g)) throw new ConcordError('REFERRAL_GROUND_UNKNOWN', `unknown ground "${g}"; Art. 2(7) grounds are: ${Object.keys(REFERRAL_GROUNDS).join(', ')}`);
  }
  if (grounds.length === 0) throw new ConcordError('REFERRAL_GROUND_UNKNOWN', 'tick at least one Art. 2(7) ground');
  if (input.incidentId !== null && !INCIDENT_ID.test(input.incidentId)) throw new ConcordError('REFERRAL_INCIDENT_INVALID', `incident id "${input.incidentId.slice(0, 100)}" is not an incident id (a UUID)`);
  if (input.noticeWithheld.withheld && input.noticeWithheld.until !== null && Date.parse(input.noticeWithheld.until) <= now) {
    throw new ConcordError('REFERRAL_DEADLINE_PAST', `notice is withheld until ${input.noticeWithheld.until}, which is not in the future`);
  }
  let windowMs: number;
  if (kind === 'referral') {
    const due = input.deadline === undefined ? now + defaults.referralDeadlineHours * 3_600_000 : Date.parse(input.deadline);
    if (due <= now) throw new ConcordError('REFERRAL_DEADLINE_PAST', `the deadline ${input.deadline} is not in the future`);
    windowMs = due - now;
  } else {
    if (input.deadline !== undefined) throw new ConcordError('REFERRAL_FIELDS_INVALID', `a ${kind} has a fixed clock; leave out "deadline"`);
    windowMs = kind === 'removal_order' ? REMOVAL_ORDER_WINDOW_MS : defaults.threatToLifeAckMinutes * 60_000;
  }
  let order: OrderFields | null = null;
  if (kind === 'removal_order') {
    const parsed = OrderFieldsSchema.safeParse(input.order);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${['order', ...i.path].join('.')}: ${i.message}`).join('; ');
      throw new ConcordError('REFERRAL_FIELDS_INVALID', `a removal order needs the Annex I fields: ${issues}`);
    }
    order = parsed.data;
  } else if (input.order !== undefined) {
    throw new ConcordError('REFERRAL_FIELDS_INVALID', `"order" (Annex I) belongs to removal orders only, not a ${kind}`);
  }
  return {
    to: input.to,
    kind,
    urls,
    signalUids: [...new Set(input.content.signalUids)],
    contentKeys: [...keys],
    label: input.label,
    grounds: grounds as ReferralGround[],
    legalBasis: input.legalBasis,
    reasons: input.statementOfReasons,
    redress: input.redress,
    noticeWithheld: input.noticeWithheld.withheld,
    noticeWithheldUntil: input.noticeWithheld.withheld ? input.noticeWithheld.until : null,
    incidentId: input.incidentId,
    order,
    windowMs,
  };
}

/** The content keys of a referral's content, as a receiver recomputes them (never trusting the sender's). */
export function contentKeysOf(urls: readonly string[], signalUids: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const raw of urls) {
    const c = canonicaliseUrl(raw);
    if (c.ok) keys.add(`url:${c.value.value}`);
  }
  for (const uid of signalUids) keys.add(`signal:${uid}`);
  return [...keys];
}
