/**
 * Where coordination modules send alerts (a surge, an overdue referral, a monitor find,
 * a proposed incident conclusion). The alerts module stores them, lists them at
 * GET /v1/alerts, puts them on the feed and sends signed webhooks; a module that raises
 * alerts takes an AlertSink and knows nothing of that.
 *
 * Alerts are about content and coordination objects, never about people: `details`
 * holds counts, signal uids, URLs of content and ids of Concord objects only.
 */
export interface AlertInput {
  /** What happened, e.g. 'surge', 'referral_overdue', 'monitor_find', 'incident_conclusion_proposed'. */
  readonly kind: string;
  readonly severity: 'info' | 'warning' | 'critical';
  /** One line for people, plain text. */
  readonly title: string;
  /** The Concord object the alert is about. */
  readonly subject: { readonly type: 'cluster' | 'referral' | 'incident' | 'source_find' | 'signal'; readonly id: string };
  /**
   * The same condition raised twice (a scheduled check that runs every minute) is one
   * alert: the sink keeps the first and counts the rest.
   */
  readonly dedupeKey: string;
  readonly incidentId?: string | null;
  readonly signalUids?: readonly string[];
  readonly details?: Readonly<Record<string, unknown>>;
  /** The distribution level that decides which partners see it (as for signals). */
  readonly distribution: string;
  /** One more partner that sees it whatever the level (the other side of a referral). */
  readonly audienceNode?: string | null;
}

export interface AlertSink {
  raise(input: AlertInput): Promise<void>;
}

/** The sink of a node without the alerts module: alerts go to the log only. */
export function logAlertSink(log: (fields: Record<string, unknown>, msg: string) => void): AlertSink {
  return {
    async raise(input) {
      log({ alert: input }, `alert ${input.kind}: ${input.title}`);
    },
  };
}
