import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ConcordError } from '../errors/concord-error.js';
import { DEFAULT_INCIDENT_CONFIG, IncidentConfigSchema } from './incident-config.js';

/**
 * The monitor of public sources: how politely and how safely it fetches. It fetches
 * nothing until `contact` is set, since every site it visits should be able to reach us.
 */
export const MonitorConfigSchema = z
  .object({
    /** Who runs this monitor (an e-mail address or URL), named in the User-Agent of every request. */
    contact: z.string().trim().min(3).max(200).regex(/^[^\r\n()]+$/, 'one line, without parentheses').optional(),
    /** How often the leader looks for sources and finds that are due. */
    tickMs: z.number().int().positive().default(30_000),
    /** Least time between two requests to one host (0: no pause, for local benchmarks only). */
    perHostIntervalMs: z.number().int().nonnegative().default(1000),
    /** Largest page, feed or outbox, after decompression. */
    maxPageBytes: z.number().int().positive().default(5 * 1024 * 1024),
    /** Largest media file, after decompression. */
    maxMediaBytes: z.number().int().positive().default(100 * 1024 * 1024),
    /** Longest a request may take, headers and whole body. */
    timeoutMs: z.number().int().positive().default(30_000),
    maxRedirects: z.number().int().nonnegative().max(10).default(5),
    /** Most media and linked pages fetched from one source per check. */
    maxLinksPerPage: z.number().int().positive().default(500),
    /** Resources fetched and hashed at once within one check. */
    concurrency: z.number().int().positive().max(32).default(4),
    /** How long robots.txt answers are kept per host. */
    robotsTtlMs: z.number().int().positive().default(24 * 60 * 60_000),
    /** How often a find's URL is re-checked until the content is gone. */
    removalCheckMs: z.number().int().positive().default(60 * 60_000),
    /** Keep the bytes of finds here (content-addressed by SHA-256); unset: bytes are discarded. */
    evidenceDir: z.string().optional(),
    /** How long kept evidence stays before the expiry job deletes it. */
    evidenceRetentionDays: z.number().positive().default(90),
    /**
     * The partner node responsible for content on a host, proposed when a find is referred:
     * a domain (matching its subdomains too; the longest match wins) or an IP address, to a
     * partner id. E.g. `{ "video.example": "node-7f3a…" }`. See docs/monitor.md.
     */
    hostPartners: z.record(z.string().trim().toLowerCase().min(1).max(253).regex(/^[a-z0-9.:\[\]-]+$/, 'a host name or IP address'), z.string().min(1).max(100)).default({}),
  })
  .strict();

export type MonitorConfig = Readonly<z.infer<typeof MonitorConfigSchema>>;

/**
 * Everything a node is configured with, validated once at start-up and frozen.
 * Defaults give the embedded node: SQLite in ./concord-data, on 127.0.0.1:7400.
 */
export const NodeConfigSchema = z.object({
  dataDir: z.string().default('concord-data'),
  /** `postgres://…` for PostgreSQL; otherwise a SQLite file (default: <dataDir>/concord.db). */
  db: z.string().optional(),
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(7400),
  /** Largest JSON request body, in bytes. */
  maxBodyBytes: z.number().int().positive().default(4 * 1024 * 1024),
  /** Largest uploaded file, in bytes. */
  maxFileBytes: z.number().int().positive().default(200 * 1024 * 1024),
  maxPixels: z.number().int().positive().default(100_000_000),
  maxDurationSeconds: z.number().positive().default(3 * 60 * 60),
  decodeTimeoutMs: z.number().int().positive().default(120_000),
  /** Files decoded and hashed at once; each may hold an image of maxPixels in memory. Default: one per core. See docs/limits.md. */
  decodeConcurrency: z.number().int().positive().default(Math.max(1, availableParallelism())),
  /** Files that may wait for a decode slot; one more is refused at once with 503 BUSY. */
  decodeQueue: z.number().int().nonnegative().default(4 * Math.max(1, availableParallelism())),
  /** Bytes of uploaded files held at once across all requests; a request over it gets 503 UPLOAD_BUDGET_EXCEEDED. */
  uploadBudgetBytes: z.number().int().positive().default(256 * 1024 * 1024),
  /** Worker threads reading PDFs' text. */
  pdfWorkers: z.number().int().positive().max(16).default(2),
  /** PDFs that may wait for a reader; one more is refused at once with 503 BUSY. */
  pdfQueue: z.number().int().nonnegative().default(16),
  /** Most signals in one match request. */
  maxMatchBatch: z.number().int().positive().default(1000),
  /**
   * When set, `/metrics` answers only requests sending `Authorization: Bearer <metricsToken>`
   * (Prometheus: `authorization: { credentials: … }`). Its gauges name partner node ids and
   * counts, never content or persons; unset, it is open like most exporters, for a node whose
   * port only its own network reaches.
   */
  metricsToken: z.string().min(16).optional(),
  /** Requests per minute per known key; anonymous callers and unknown keys per address. /healthz and /metrics are exempt. */
  rateLimitPerMinute: z.number().int().positive().default(120_000),
  /**
   * Four eyes: confirmations by reviewer keys other than the adding one that a new signal
   * needs, per distribution level, before it leaves the node (`group` covers every group).
   */
  confirmationsRequired: z
    .object({
      local: z.number().int().min(1).max(10).default(1),
      group: z.number().int().min(1).max(10).default(1),
      partners: z.number().int().min(1).max(10).default(1),
      network: z.number().int().min(1).max(10).default(2),
    })
    .strict()
    .default({ local: 1, group: 1, partners: 1, network: 2 }),
  /** Distinct partners whose disputes stop a signal from matching. */
  disputeThreshold: z.number().int().positive().default(2),
  /** How often a process polls the change log for other processes' writes. */
  changePollMs: z.number().int().positive().default(200),
  /** The URL partners reach this node at, as `concord identity` reports it; default http://host:port. */
  publicUrl: z.url().optional(),
  /** Pull partners' feeds (off only for processes that must not, such as extra workers). */
  sync: z.boolean().default(true),
  /** Longest pause between attempts to reach a partner that is down. */
  syncMaxBackoffMs: z.number().int().positive().default(30_000),
  /** How long a feed request waits at the partner for news before it is renewed. */
  syncWaitMs: z.number().int().positive().max(30_000).default(20_000),
  /** How long the sync leader's lease lasts unrenewed (SQLite): a dead leader is replaced within this plus syncLeaseRetryMs. */
  syncLeaseMs: z.number().int().min(1000).max(60_000).default(5000),
  /** How often every process tries for (or renews) the sync leader's lease. */
  syncLeaseRetryMs: z.number().int().min(100).max(30_000).default(1000),
  /** No successful contact with a partner for this long turns /healthz degraded (a healthy long-poll renews within syncWaitMs). */
  syncStallMs: z.number().int().positive().default(90_000),
  /**
   * Publish a signed checkpoint of the audit chain once a change leaves it this many entries
   * past the last one (0: only periodically). Each costs one feed event and two indexed reads.
   */
  auditCheckpointEvery: z.number().int().nonnegative().default(100),
  /** Also publish one this often if the chain grew at all, so a quiet node's tail is covered too (0: never). */
  auditCheckpointIntervalMs: z.number().int().nonnegative().default(10 * 60_000),
  /** Incidents: tiers, and when a quiet incident's conclusion is proposed (src/config/incident-config.ts). */
  incidents: IncidentConfigSchema.default(DEFAULT_INCIDENT_CONFIG),
  /**
   * Referrals and removal orders (src/coordination/referrals/): the default deadline of a
   * voluntary referral, the acknowledgement window of a threat-to-life notice, the partner
   * designated as scrutiny authority (TCO Art. 4) for each receiving partner, and how often
   * the leader looks for overdue clocks.
   */
  referrals: z
    .object({
      referralDeadlineHours: z.number().positive().max(24 * 365).default(72),
      threatToLifeAckMinutes: z.number().positive().max(24 * 60).default(15),
      scrutinyAuthorities: z.record(z.string(), z.string()).default({}),
      overdueCheckMs: z.number().int().min(100).default(30_000),
    })
    .strict()
    .default({ referralDeadlineHours: 72, threatToLifeAckMinutes: 15, scrutinyAuthorities: {}, overdueCheckMs: 30_000 }),
  /** Alerts and actions: webhook delivery (docs/webhooks.md). */
  alerts: z
    .object({
      /** Let webhooks reach loopback and private addresses (tests only: a rule could otherwise reach into this node's network). */
      webhookAllowPrivate: z.boolean().default(false),
      webhookMaxAttempts: z.number().int().min(1).max(20).default(8),
      /** Wait after a failed delivery; doubled after each further failure. */
      webhookBackoffMs: z.number().int().positive().default(30_000),
      webhookMaxBackoffMs: z.number().int().positive().default(3_600_000),
      webhookTimeoutMs: z.number().int().positive().max(60_000).default(10_000),
      /** How often the leader looks for due deliveries. */
      webhookPollMs: z.number().int().positive().default(1000),
      /** Matches under this confidence (1 exact, 0 at the type's threshold) go to human review, unless a rule sets its own. */
      reviewBelow: z.number().min(0).max(1).default(0.5),
    })
    .strict()
    .default({ webhookAllowPrivate: false, webhookMaxAttempts: 8, webhookBackoffMs: 30_000, webhookMaxBackoffMs: 3_600_000, webhookTimeoutMs: 10_000, webhookPollMs: 1000, reviewBelow: 0.5 }),
  /** Early warning: clusters, sightings and surge detection (docs/early-warning.md). */
  earlyWarning: z
    .object({
      /** Share this node's match counts per signal on the feed (opt-in: counts only, never what was uploaded or by whom). */
      shareSightings: z.boolean().default(false),
      /** The period sightings are counted over and shared at. */
      sightingsPeriodMs: z.number().int().min(60_000).default(3_600_000),
      /** The surge detector's bucket: one test per cluster per bucket. */
      bucketMs: z.number().int().min(1000).default(60_000),
      /** No surge below this many matches in a bucket, whatever the baseline (sparse clusters stay quiet). */
      minCount: z.number().int().min(1).default(8),
      /** EWMA smoothing of a cluster's baseline per bucket. */
      alpha: z.number().gt(0).lt(1).default(0.05),
      /** The false-alarm probability per cluster and bucket the test is set to (Poisson tail of the baseline). */
      pValue: z.number().gt(0).lt(0.01).default(1e-9),
      /** Distribution of surge alerts. */
      alertDistribution: z.string().default('partners'),
    })
    .strict()
    .default({ shareSightings: false, sightingsPeriodMs: 3_600_000, bucketMs: 60_000, minCount: 8, alpha: 0.05, pValue: 1e-9, alertDistribution: 'partners' }),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The monitor of public sources (src/monitor/, docs/monitor.md). */
  monitor: MonitorConfigSchema.default(MonitorConfigSchema.parse({})),
  /** Load the demo bank on start. */
  demo: z.boolean().default(false),
});

export type NodeConfig = Readonly<z.infer<typeof NodeConfigSchema>>;

export function parseNodeConfig(input: unknown): NodeConfig {
  const result = NodeConfigSchema.strict().safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ');
    throw new ConcordError('USAGE_INVALID', `invalid configuration: ${issues}`);
  }
  const parsed = result.data;
  return Object.freeze({ ...parsed, dataDir: resolve(parsed.dataDir) });
}

export const isPostgresUrl = (db: string | undefined): db is string => !!db && /^postgres(ql)?:\/\//.test(db);

export const sqliteFile = (config: NodeConfig): string => (config.db && !isPostgresUrl(config.db) ? resolve(config.db) : join(config.dataDir, 'concord.db'));
