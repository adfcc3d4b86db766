import { ExitCode } from './exit-code.js';

/**
 * The one catalogue of stable error codes. Codes are wire names: never rename one
 * that has shipped. Each code carries its HTTP status and the CLI exit code it causes when
 * it stops a command (a user error, a failed dependency, a bug, a failed integrity check).
 * `docs/errors.md` lists every code with both; a test keeps the two in sync.
 *
 * @example
 *   throw new ConcordError('PDQ_BAD_HEX', 'expected 64 hex characters, got 63');
 */
export const ERROR_CATALOGUE = {
  // Input values
  SIGNAL_TYPE_UNKNOWN: { status: 422, exit: ExitCode.USAGE, summary: 'The signal type is not one this node knows.' },
  SIGNAL_VALUE_INVALID: { status: 422, exit: ExitCode.USAGE, summary: 'The signal value is not valid for its type.' },
  LABEL_UNKNOWN: { status: 422, exit: ExitCode.USAGE, summary: 'The label is not in the closed taxonomy.' },
  SIGNAL_LIST_LINE_INVALID: { status: 422, exit: ExitCode.USAGE, summary: 'A line of a signal list could not be parsed.' },
  LABEL_MISSING: { status: 422, exit: ExitCode.USAGE, summary: 'The entry carries no label from the taxonomy, and Concord never guesses one.' },
  // Exchange formats
  STIX_OBJECT_INVALID: { status: 422, exit: ExitCode.USAGE, summary: 'A STIX object does not match the STIX 2.1 shape Concord reads.' },
  STIX_PATTERN_UNSUPPORTED: { status: 422, exit: ExitCode.USAGE, summary: 'A STIX Indicator names no signal Concord knows (no x_concord_signal_* and no standard pattern).' },
  NOT_ACCEPTABLE: { status: 406, exit: ExitCode.USAGE, summary: 'The Accept header asks for a media type this endpoint does not serve.' },
  TAXII_REQUEST_FAILED: { status: 503, exit: ExitCode.DEPENDENCY, summary: 'The TAXII server could not be reached, or answered with an error.' },
  // Media
  MEDIA_EMPTY: { status: 422, exit: ExitCode.USAGE, summary: 'The file is empty (zero bytes).' },
  MEDIA_UNSUPPORTED: { status: 415, exit: ExitCode.USAGE, summary: 'The content is not in a format Concord can hash.' },
  MEDIA_CORRUPT: { status: 422, exit: ExitCode.USAGE, summary: 'The media could not be decoded: it is corrupt or truncated.' },
  MEDIA_TOO_MANY_PIXELS: { status: 413, exit: ExitCode.USAGE, summary: 'The image has more pixels than the configured limit (decompression-bomb guard).' },
  MEDIA_TOO_SMALL: { status: 422, exit: ExitCode.USAGE, summary: 'The image is under 5 pixels in width or height, too small to hash.' },
  MEDIA_TOO_SHORT: { status: 422, exit: ExitCode.USAGE, summary: 'The media is too short to fingerprint (audio needs at least 3 seconds).' },
  MEDIA_TOO_LONG: { status: 413, exit: ExitCode.USAGE, summary: 'The media is longer than the configured duration limit.' },
  MEDIA_NO_VIDEO: { status: 422, exit: ExitCode.USAGE, summary: 'The container has no video stream.' },
  MEDIA_NO_AUDIO: { status: 422, exit: ExitCode.USAGE, summary: 'The container has no audio stream.' },
  MEDIA_TIMEOUT: { status: 422, exit: ExitCode.USAGE, summary: 'Decoding took longer than the configured timeout and was stopped.' },
  DECODER_MISSING: { status: 503, exit: ExitCode.DEPENDENCY, summary: 'The media decoder (ffmpeg) is not installed or could not be started.' },
  TEXT_EMPTY: { status: 422, exit: ExitCode.USAGE, summary: 'The text is empty after normalisation.' },
  PDF_ENCRYPTED: { status: 422, exit: ExitCode.USAGE, summary: 'The PDF is encrypted with a password, so its text cannot be read.' },
  PDF_NO_TEXT: { status: 422, exit: ExitCode.USAGE, summary: 'The PDF has no text layer (scanned pages or images only).' },
  URL_INVALID: { status: 422, exit: ExitCode.USAGE, summary: 'The URL does not parse.' },
  MEDIA_IMPLAUSIBLE_SIZE: { status: 422, exit: ExitCode.USAGE, summary: 'The image header declares more pixels than a file of this length can hold: a forged or truncated header.' },
  TEXT_TOO_LONG: { status: 413, exit: ExitCode.USAGE, summary: 'The text is longer than the text signals read (4 Mi characters).' },
  // Files and I/O
  FILE_NOT_FOUND: { status: 404, exit: ExitCode.USAGE, summary: 'The file or folder does not exist.' },
  FILE_UNREADABLE: { status: 422, exit: ExitCode.USAGE, summary: 'The file could not be read.' },
  // Requests and the store
  REQUEST_INVALID: { status: 400, exit: ExitCode.USAGE, summary: 'The request body or parameters do not match the schema.' },
  BODY_TOO_LARGE: { status: 413, exit: ExitCode.USAGE, summary: 'The request body or uploaded file is over the size limit.' },
  AUTH_MISSING: { status: 401, exit: ExitCode.USAGE, summary: 'No API key was given: send "Authorization: Bearer <key>".' },
  AUTH_INVALID: { status: 401, exit: ExitCode.USAGE, summary: 'The API key is unknown or revoked.' },
  AUTH_EXPIRED: { status: 401, exit: ExitCode.USAGE, summary: 'The API key has expired.' },
  FORBIDDEN: { status: 403, exit: ExitCode.USAGE, summary: "The API key's roles do not allow this action." },
  NOT_FOUND: { status: 404, exit: ExitCode.USAGE, summary: 'The resource does not exist.' },
  CONFLICT: { status: 409, exit: ExitCode.USAGE, summary: 'The change conflicts with the current state (a duplicate, or a state that forbids it).' },
  RATE_LIMITED: { status: 429, exit: ExitCode.USAGE, summary: 'Too many requests for this API key or address; retry after the time given.' },
  STORE_UNAVAILABLE: { status: 503, exit: ExitCode.DEPENDENCY, summary: 'The database is unavailable; nothing was stored. Retry later.' },
  AUDIT_CHAIN_BROKEN: { status: 500, exit: ExitCode.INTEGRITY, summary: 'The audit chain does not verify.' },
  SELF_CONFIRMATION: { status: 403, exit: ExitCode.USAGE, summary: 'A signal cannot be confirmed by the key that added it (four eyes).' },
  REVIEWER_REQUIRED: { status: 403, exit: ExitCode.USAGE, summary: "Only a key with the reviewer role counts as a signal's confirmation." },
  UPLOAD_BUDGET_EXCEEDED: { status: 503, exit: ExitCode.DEPENDENCY, summary: "Uploads in progress hold the node's whole upload memory budget; nothing was stored. Retry shortly." },
  BUSY: { status: 503, exit: ExitCode.DEPENDENCY, summary: 'The node is decoding as many files (or reading as many PDFs) as it takes at once; nothing was stored. Retry shortly.' },
  // Federation
  PUBLIC_KEY_INVALID: { status: 422, exit: ExitCode.USAGE, summary: 'The node public key is not a base64url Ed25519 key.' },
  NODE_KEY_INVALID: { status: 500, exit: ExitCode.USAGE, summary: "The node's key file does not hold an Ed25519 private key." },
  NODE_KEY_MISSING: { status: 500, exit: ExitCode.USAGE, summary: 'This process has no node key, so it cannot sign feed events.' },
  NODE_KEY_MISMATCH: { status: 500, exit: ExitCode.USAGE, summary: 'The node key in the data folder is not the key this database belongs to.' },
  PEER_AUTH_INVALID: { status: 401, exit: ExitCode.USAGE, summary: "A partner node's signed request did not verify (unknown node, wrong key, stale time or bad signature)." },
  FEED_REJECTED: { status: 502, exit: ExitCode.DEPENDENCY, summary: "A partner's feed page failed verification (bad signature, broken chain, replayed or reordered events); nothing from it was applied." },
  PARTNER_UNREACHABLE: { status: 503, exit: ExitCode.DEPENDENCY, summary: 'A partner node did not answer, answered too slowly, or answered with an error or garbage.' },
  OUTBOUND_URL_REFUSED: { status: 422, exit: ExitCode.USAGE, summary: 'A partner or TAXII URL must be an absolute http: or https: URL without credentials in it.' },
  OUTBOUND_REDIRECT_REFUSED: { status: 502, exit: ExitCode.DEPENDENCY, summary: 'A partner or TAXII server answered with a redirect; redirects are not followed.' },
  FEED_BODY_WITHHELD: { status: 502, exit: ExitCode.DEPENDENCY, summary: "A partner's feed page came with an event's body removed although this node is owed it (its signed audience includes this node); nothing from it was applied." },
  FEED_HEAD_INVALID: { status: 502, exit: ExitCode.DEPENDENCY, summary: "A partner's feed page head is unsigned, forged, replayed or for another node; nothing from it was applied." },
  // Reports
  REPORT_DATE_INVALID: { status: 422, exit: ExitCode.USAGE, summary: 'A report period bound is not a UTC date (YYYY-MM-DD) or a UTC time on the hour (YYYY-MM-DDTHH:00:00Z).' },
  REPORT_PERIOD_INVERTED: { status: 422, exit: ExitCode.USAGE, summary: 'The report period ends at or before it starts (`to` is exclusive and must be after `from`).' },
  REPORT_PERIOD_TOO_LONG: { status: 422, exit: ExitCode.USAGE, summary: 'The report period is longer than 366 days.' },
  REPORT_FORMAT_UNKNOWN: { status: 422, exit: ExitCode.USAGE, summary: 'The report format is not json or html.' },
  STATS_TOO_MANY_BUCKETS: { status: 422, exit: ExitCode.USAGE, summary: 'A series of match counts would have more than 744 points (hours or days).' },
  // Incidents
  INCIDENT_NOT_FOUND: { status: 404, exit: ExitCode.USAGE, summary: 'No incident with that id that this caller may see.' },
  INCIDENT_TIER_UNKNOWN: { status: 422, exit: ExitCode.USAGE, summary: 'The tier is not one of the tiers this node is configured with.' },
  INCIDENT_CRITERION_INVALID: { status: 422, exit: ExitCode.USAGE, summary: "An activation criterion is missing, has no reason, or is required by the tier and not met." },
  INCIDENT_LINK_UNKNOWN: { status: 422, exit: ExitCode.USAGE, summary: 'A linked bank or signal does not exist on this node.' },
  INCIDENT_NOT_DECLARER: { status: 403, exit: ExitCode.USAGE, summary: 'Only the partner that declared the incident may conclude it.' },
  INCIDENT_CONCLUDED: { status: 409, exit: ExitCode.USAGE, summary: 'The incident is concluded: it cannot be joined or concluded again.' },
  INCIDENT_ALREADY_JOINED: { status: 409, exit: ExitCode.USAGE, summary: 'This node already declared or joined the incident.' },
  INCIDENT_ENTRY_FORGED: { status: 422, exit: ExitCode.USAGE, summary: "A received incident entry or declaration claims an author whose signature it does not carry; it was refused and counted." },
  INCIDENT_ENTRY_REPLAYED: { status: 409, exit: ExitCode.USAGE, summary: "A received incident entry reuses an author's sequence number under another id; it was refused and counted." },
  INCIDENT_SENDER_NOT_ALLOWED: { status: 403, exit: ExitCode.USAGE, summary: 'A received incident entry came from a node that may not see the incident here; it was refused and counted.' },
  // Referrals and removal orders (src/coordination/referrals/)
  REFERRAL_KIND_UNKNOWN: { status: 422, exit: ExitCode.USAGE, summary: "The referral kind is not one Concord knows (removal_order, referral, threat_to_life)." },
  REFERRAL_GROUND_UNKNOWN: { status: 422, exit: ExitCode.USAGE, summary: "A ground is not one of the Art. 2(7) TCO grounds, or none was ticked." },
  REFERRAL_PARTNER_UNKNOWN: { status: 422, exit: ExitCode.USAGE, summary: "The receiving partner (or the scrutiny authority configured for it) is not a partner node registered here." },
  REFERRAL_INCIDENT_INVALID: { status: 422, exit: ExitCode.USAGE, summary: "The incident id is not in the form of an incident id (a UUID)." },
  REFERRAL_DEADLINE_PAST: { status: 422, exit: ExitCode.USAGE, summary: "A deadline (or the end of a withheld-notice period) is not in the future." },
  REFERRAL_FIELDS_INVALID: { status: 422, exit: ExitCode.USAGE, summary: "A referral field is missing or not allowed: no content, Annex I fields of a removal order, a deadline on a fixed clock, an acted-at time outside the referral." },
  REFERRAL_NOT_FOUND: { status: 404, exit: ExitCode.USAGE, summary: "No referral with that id is held at this node." },
  REFERRAL_WRONG_SIDE: { status: 403, exit: ExitCode.USAGE, summary: "The action belongs to another party of the referral (the receiver decides, the sender clears obstacles, the scrutiny authority finds)." },
  REFERRAL_STATE_CONFLICT: { status: 409, exit: ExitCode.USAGE, summary: "The referral is in a state that forbids the action (an obstacle on a decided referral, a second acknowledgement, clearing without an obstacle)." },
  REFERRAL_OBSTACLE_REASON_UNKNOWN: { status: 422, exit: ExitCode.USAGE, summary: "The obstacle reason is not one of Annex III (force_majeure, manifest_error, insufficient_information)." },
  REFERRAL_OUTCOME_UNKNOWN: { status: 422, exit: ExitCode.USAGE, summary: "The decision outcome is not removed, disabled or not_removed." },
  REFERRAL_FINDING_UNKNOWN: { status: 422, exit: ExitCode.USAGE, summary: "The scrutiny finding is not infringement or no_infringement." },
  REFERRAL_SCRUTINY_NOT_AVAILABLE: { status: 409, exit: ExitCode.USAGE, summary: "Scrutiny (Art. 4 TCO) applies to removal orders with a designated scrutiny authority only." },
  REFERRAL_SCRUTINY_WINDOW_CLOSED: { status: 409, exit: ExitCode.USAGE, summary: "The request for scrutiny came after 48 hours from receipt, or an own-initiative finding after 72 hours from the copy." },
  REFERRAL_EVENT_FORGED: { status: 422, exit: ExitCode.USAGE, summary: "A partner's referral event was not written by the party it speaks for, or is malformed; it was refused and changed nothing." },
  REFERRAL_EVENT_REPLAYED: { status: 409, exit: ExitCode.USAGE, summary: "A partner's referral event (or a receipt) was applied before; the copy was refused and changed nothing." },
  // Alerts, actions and early warning
  ALERT_INVALID: { status: 422, exit: ExitCode.USAGE, summary: 'The alert is malformed: an unknown kind format, subject type or distribution level, or oversized details.' },
  ALERT_NOT_FOUND: { status: 404, exit: ExitCode.USAGE, summary: 'No alert with that uid that this caller may see.' },
  ALERT_ALREADY_ACKNOWLEDGED: { status: 409, exit: ExitCode.USAGE, summary: "The caller's organisation already acknowledged this alert; the first acknowledgement stands unchanged." },
  CLUSTER_NOT_FOUND: { status: 404, exit: ExitCode.USAGE, summary: 'No early-warning cluster with that id that this caller may see.' },
  ACTION_RULE_INVALID: { status: 422, exit: ExitCode.USAGE, summary: 'The action rule is malformed: a webhook rule without a URL, an unknown action, or a field out of range.' },
  ACTION_PARTNER_UNKNOWN: { status: 422, exit: ExitCode.USAGE, summary: 'The action rule names a partner this node does not know.' },
  ACTION_REVIEW_DECIDED: { status: 409, exit: ExitCode.USAGE, summary: 'The review entry was already accepted or rejected.' },
  ACTION_REVIEW_INVALID: { status: 422, exit: ExitCode.USAGE, summary: 'Accepting a variant candidate needs the bank to add it to and its label.' },
  WEBHOOK_URL_REFUSED: { status: 422, exit: ExitCode.USAGE, summary: 'The webhook URL is not an absolute http(s) URL without credentials, or its host is a loopback or private address.' },
  // Monitor of public sources (src/monitor/)
  MONITOR_CONTACT_MISSING: { status: 503, exit: ExitCode.DEPENDENCY, summary: 'The monitor has no contact to name in its user agent, so it fetches nothing.' },
  SOURCE_INVALID: { status: 422, exit: ExitCode.USAGE, summary: 'The source is not usable: its URL, kind, interval or depth is out of range.' },
  SOURCE_ADDRESS_REFUSED: { status: 422, exit: ExitCode.USAGE, summary: 'The URL (or a redirect, or its DNS answer) points at a private, loopback, link-local or other special-use address.' },
  SOURCE_HOST_REFUSED: { status: 422, exit: ExitCode.USAGE, summary: "A link or redirect leads off the source's own host and the media hosts its page links to." },
  SOURCE_ROBOTS_DISALLOWED: { status: 403, exit: ExitCode.USAGE, summary: "The site's robots.txt does not allow the monitor to fetch this URL." },
  SOURCE_REDIRECT_LIMIT: { status: 502, exit: ExitCode.DEPENDENCY, summary: 'The URL redirected more times than the monitor follows.' },
  SOURCE_TOO_LARGE: { status: 502, exit: ExitCode.DEPENDENCY, summary: "The answer was larger than the monitor's size limit, or never ended; it was cut off and discarded." },
  SOURCE_DECOMPRESSION_LIMIT: { status: 502, exit: ExitCode.DEPENDENCY, summary: 'A compressed answer expanded past the size limit (a decompression bomb); it was discarded.' },
  SOURCE_TIMEOUT: { status: 504, exit: ExitCode.DEPENDENCY, summary: "The site did not answer in full within the monitor's time limit." },
  SOURCE_UNREACHABLE: { status: 502, exit: ExitCode.DEPENDENCY, summary: 'The site could not be reached (DNS, connection or TLS failure).' },
  SOURCE_HTTP_ERROR: { status: 502, exit: ExitCode.DEPENDENCY, summary: 'The site answered with an HTTP error status.' },
  SOURCE_CONTENT_MISMATCH: { status: 422, exit: ExitCode.USAGE, summary: "The bytes are not what the source's kind needs (a feed that is an image, a page that is binary); the Content-Type header is never trusted." },
  SOURCE_FEED_MALFORMED: { status: 422, exit: ExitCode.USAGE, summary: 'The feed or ActivityPub outbox could not be parsed.' },
  FIND_PARTNER_MISSING: { status: 422, exit: ExitCode.USAGE, summary: "No partner was named for the find's referral and none is configured for its host." },
  FIND_ALREADY_REFERRED: { status: 409, exit: ExitCode.USAGE, summary: 'The find was already referred to that partner.' },
  FIND_REMOVED: { status: 409, exit: ExitCode.USAGE, summary: "The find's content is gone from its URL; there is nothing to refer." },
  // The CLI's own node
  NODE_UNREACHABLE: { status: 503, exit: ExitCode.DEPENDENCY, summary: "The CLI could not reach the node's HTTP API, or the node answered with something that is not JSON." },
  // Usage
  USAGE_INVALID: { status: 400, exit: ExitCode.USAGE, summary: 'The command or request was not well formed.' },
  INTERNAL: { status: 500, exit: ExitCode.INTERNAL, summary: 'An unexpected internal error; the message says what failed.' },
} as const satisfies Record<string, { status: number; exit: ExitCode; summary: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CATALOGUE, code);
}
