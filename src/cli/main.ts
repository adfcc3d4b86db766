import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { toConcordError } from '../errors/concord-error.js';
import { DEFAULT_IMAGE_LIMITS } from '../media/image-decoder.js';
import { readEnv } from '../config/env.js';
import { defaultMediaPorts } from '../media/media-ports.js';
import type { MediaPorts } from '../signals/content-source.js';
import { defaultRegistry } from '../signals/default-registry.js';
import { auditVerifyCommand } from './audit-command.js';
import { bankExportCommand, bankImportCommand } from './bank-command.js';
import { benchCommand } from './bench-command.js';
import { processIo, type CliIo } from './cli-io.js';
import { ExitCode } from './exit-codes.js';
import { hashCommand } from './hash-command.js';
import { incidentConcludeCommand, incidentDeclareCommand, incidentJoinCommand, incidentListCommand, incidentNoteCommand, incidentShowCommand } from './incident-command.js';
import { keyCreateCommand, keyListCommand, keyRevokeCommand } from './key-command.js';
import { matchCommand } from './match-command.js';
import { reportCommand } from './report-command.js';
import { serveCommand } from './serve-command.js';
import { taxiiImportCommand } from './taxii-command.js';
import { registerAlertCommands } from './alert-command.js';
import { registerClusterCommands } from './cluster-command.js';
import { registerReferralActions } from './referral-action-command.js';
import { registerReviewCommands } from './review-command.js';
import { registerRuleCommands } from './rule-command.js';
import { referralDecideCommand, referralListCommand, referralSendCommand, referralShowCommand } from './referral-command.js';
import { sourceAddCommand, sourceCheckCommand, sourceListCommand, sourceRemoveCommand } from './source-command.js';
import { findListCommand, findReferCommand, findShowCommand } from './find-command.js';
import { identityCommand, identityRotateCommand, partnerAddCommand, syncStatusCommand } from './federation-command.js';
import { collect } from './option-parsers.js';
import { withReferralTerms } from './referral-flags.js';


const positiveInt = (raw: string): number => {
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
};

/** The composition root of the CLI: builds the registry and ports, then runs one command. */
export async function run(argv: readonly string[], io: CliIo = processIo): Promise<ExitCode> {
  const registry = defaultRegistry();
  let exit: ExitCode = ExitCode.OK;
  const ports = (opts: { maxPixels: number; maxSeconds?: number; timeout?: number }): MediaPorts =>
    defaultMediaPorts(readEnv(), { maxPixels: opts.maxPixels, maxDurationSeconds: opts.maxSeconds, timeoutMs: opts.timeout });
  const maxPixels = () =>
    new Option('--max-pixels <n>', 'refuse images with more pixels than this (decompression-bomb guard)')
      .argParser(positiveInt)
      .default(DEFAULT_IMAGE_LIMITS.maxPixels);
  const mediaLimits = (cmd: Command) =>
    cmd
      .addOption(maxPixels())
      .addOption(new Option('--max-seconds <n>', 'refuse audio and video longer than this').argParser(positiveInt))
      .addOption(new Option('--timeout <ms>', 'stop decoding one file after this long').argParser(positiveInt));

  const program = new Command('concord')
    .description('Hash, share and match signals of terrorist and violent extremist content.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

  mediaLimits(program
    .command('hash'))
    .description('hash files, folders, texts or URLs into signals')
    .argument('[paths...]', 'files or folders (folders are walked recursively)')
    .option('--json', 'one JSON line per file', false)
    .option('--dihedral', "also print PDQ's 7 rotated/mirrored variants", false)
    .option('--text <text>', 'hash this text (repeatable)', collect, [])
    .option('--text-file <file>', 'hash this file as text (repeatable)', collect, [])
    .option('--url <url>', 'canonicalise and hash this URL; it is never fetched (repeatable)', collect, [])
    .action(async (paths: string[], opts) => {
      exit = await hashCommand(registry, ports(opts), io, paths, opts);
    });

  mediaLimits(program
    .command('match'))
    .description('match files, or signal values, against a list of known signals')
    .argument('[paths...]', 'files or folders to hash and match')
    .requiredOption('--against <file>', 'known signals: "type,value[,label]" lines or JSON lines')
    .option('--signals <file>', 'query signal values in the same format, instead of files')
    .option('--json', 'one JSON line per query', false)
    .option('--dihedral', 'also match rotated and mirrored copies (PDQ)', false)
    .option('--text <text>', 'match this text (repeatable)', collect, [])
    .option('--text-file <file>', 'match this file as text (repeatable)', collect, [])
    .option('--url <url>', 'match this URL; it is never fetched (repeatable)', collect, [])
    .action(async (paths: string[], opts) => {
      exit = await matchCommand(registry, ports(opts), io, paths, opts);
    });

  const nodeOptions = (cmd: Command) =>
    cmd
      .option('--data <dir>', 'data folder (SQLite file, admin key)', undefined)
      .option('--db <url>', 'postgres://… to use PostgreSQL instead of SQLite')
      .option('--log-level <level>', 'fatal | error | warn | info | debug');

  nodeOptions(program.command('serve'))
    .description('run a node: the HTTP API on 127.0.0.1:7400 with SQLite in ./concord-data by default')
    .option('--port <n>', 'port to listen on', (v) => Number(v))
    .option('--host <host>', 'address to listen on')
    .option('--name <name>', "this node's organisation name, on first start")
    .option('--demo', 'load the demo bank of sample signals', false)
    .option('--config <file>', 'a JSON file of node settings: limits, dispute threshold, … (see src/config/node-config.ts)')
    .option('--workers <n>', 'worker processes sharing the port (each holds its own index)', positiveInt, 1)
    .action(async (opts) => {
      exit = await serveCommand(io, opts);
    });

  const audit = program.command('audit').description('the hash-chained audit log');
  nodeOptions(audit.command('verify'))
    .description('verify the audit chain and name the first broken entry')
    .option('--json', 'print the result as JSON', false)
    .option('--with-partners', "also check it against the signed checkpoints partners keep (asks each partner's node)", false)
    .action(async (opts) => {
      exit = await auditVerifyCommand(io, opts);
    });

  nodeOptions(program.command('report'))
    .description('the transparency report for a period, computed from the store (see docs/reports.md)')
    .requiredOption('--from <date>', 'first day or hour of the period, UTC (2026-11-01 or 2026-11-01T13:00:00Z)')
    .requiredOption('--to <date>', 'end of the period, exclusive, UTC (at most 366 days after --from)')
    .option('--format <format>', 'json | html (a printable page with charts)', 'json')
    .action(async (opts) => {
      exit = await reportCommand(io, opts);
    });

  const identity = nodeOptions(program.command('identity'))
    .description("print this node's id, public key and URL: what a partner needs to register it")
    .option('--json', 'print {"id", "publicKey", "url"}', false)
    .option('--name <name>', "this node's organisation name, if it was never started")
    .action(async (opts) => {
      exit = await identityCommand(io, opts);
    });
  nodeOptions(identity.command('rotate'))
    .description('replace the node key; the old key signs the new one in the feed (stop the node first)')
    .option('--json', 'print {"id", "previous", "publicKey"}', false)
    .action(async (opts, cmd: Command) => {
      // `identity` declares the same options, so commander may hand them to the parent.
      const given = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== false));
      exit = await identityRotateCommand(io, { ...given(cmd.parent!.opts()), ...given(opts) });
    });

  const partner = program.command('partner').description('partner nodes this node shares with');
  nodeOptions(partner.command('add'))
    .description('register a partner node by its URL and public key (from `concord identity` on that node)')
    .requiredOption('--name <name>', "the partner organisation's name")
    .requiredOption('--url <url>', "the partner node's URL")
    .requiredOption('--public-key <key>', "the partner node's public key")
    .option('--groups <g1,g2>', 'sharing groups the partner belongs to')
    .option('--id <id>', 'partner id (default: derived from the public key, as the partner node derives its own)')
    .option('--json', 'print the partner record as JSON', false)
    .action(async (opts) => {
      exit = await partnerAddCommand(io, { ...opts, partnerName: opts.name, name: undefined });
    });

  const key = program.command('key').description("API keys, on the node's store directly: usable when admin.key is lost");
  nodeOptions(key.command('create'))
    .description('create an API key and print its secret, once')
    .requiredOption('--roles <r1,r2>', 'admin, curator, reviewer, matcher, auditor (comma-separated)')
    .option('--purpose <text>', 'what the key is for (never whose it is)', '')
    .option('--partner <id>', 'the partner organisation the key acts for (default: this node)')
    .option('--expires <time>', 'refuse the key from this time: an ISO time with zone, or a duration (90m, 12h, 30d)')
    .option('--json', 'print {"key", "record"}', false)
    .action(async (opts) => {
      exit = await keyCreateCommand(io, opts);
    });
  const referral = program.command('referral').description('referrals and removal orders to and from partner nodes (docs/referrals.md)');
  withReferralTerms(nodeOptions(referral.command('send')))
    .description('send a removal order, referral or threat-to-life notice to a partner node')
    .option('--file <file>', 'the request body of POST /v1/referrals, as JSON (the other flags override it)')
    .option('--to <partner>', 'the receiving partner node id')
    .option('--kind <kind>', 'removal_order | referral | threat_to_life')
    .option('--url <url>', 'a URL of the content (repeatable)', collect, [])
    .option('--signal <uid>', 'a signal uid of the content (repeatable)', collect, [])
    .option('--label <label>', 'a label from the taxonomy')
    .option('--withhold-notice-until <time>', 'withhold notice to the content provider until this time (Art. 11(3))')
    .option('--incident <id>', 'the incident this belongs to')
    .option('--json', 'print the referral as JSON', false)
    .action(async (opts) => {
      exit = await referralSendCommand(io, opts);
    });
  nodeOptions(referral.command('list'))
    .description('list referrals sent (out) and received (in), with their clocks')
    .option('--direction <in|out>', 'only those received (in) or sent (out)')
    .option('--status <status>', 'only those in this status')
    .option('--overdue', 'only those with a clock run out', false)
    .option('--json', 'one JSON line per referral', false)
    .action(async (opts) => {
      exit = await referralListCommand(io, opts);
    });
  nodeOptions(referral.command('show'))
    .description('one referral with its history, as JSON')
    .argument('<id>', 'the referral id')
    .action(async (id: string, opts) => {
      exit = await referralShowCommand(io, id, opts);
    });
  nodeOptions(referral.command('decide'))
    .description('decide on a received referral: removed or disabled (with the time), or not removed (with the reason)')
    .argument('<id>', 'the referral id')
    .requiredOption('--outcome <outcome>', 'removed | disabled | not_removed')
    .option('--acted-at <time>', 'when the content was removed or disabled')
    .option('--reason <text>', 'why the content was not removed')
    .option('--json', 'print the referral as JSON', false)
    .action(async (id: string, opts) => {
      exit = await referralDecideCommand(io, id, opts);
    });
  registerReferralActions(referral, io, (code) => (exit = code));
  nodeOptions(key.command('list'))
    .description('list API keys with roles, state and expiry (never their secrets)')
    .option('--json', 'one JSON line per key', false)
    .action(async (opts) => {
      exit = await keyListCommand(io, opts);
    });
  nodeOptions(key.command('revoke'))
    .description('revoke an API key; running node processes refuse it within a second')
    .argument('<id>', 'the key id (the part after ck_ in the key, or from `concord key list`)')
    .option('--json', 'print the revoked key record as JSON', false)
    .action(async (id: string, opts) => {
      exit = await keyRevokeCommand(io, id, opts);
    });

  const source = program.command('source').description('public sources this node monitors for known content (docs/monitor.md)');
  const withConfig = (cmd: Command) => nodeOptions(cmd).option('--config <file>', "the node's JSON configuration (monitor.contact and limits)");
  withConfig(source.command('add'))
    .description('add a public source to the allow-list')
    .requiredOption('--url <url>', 'the feed, outbox, page or file URL')
    .requiredOption('--kind <kind>', 'feed | activitypub | html | file')
    .requiredOption('--reason <text>', 'why this source is watched')
    .requiredOption('--label <label>', 'the taxonomy label of what is expected there')
    .addOption(new Option('--interval <minutes>', 'check every this many minutes (default 60)').argParser(positiveInt))
    .addOption(new Option('--depth <n>', '1: the page and its media (default); 2 or 3: also linked pages on the same hosts').argParser(positiveInt))
    .option('--local-test-site', 'a site on this machine, for tests: loopback addresses allowed', false)
    .option('--json', 'print the source as JSON', false)
    .action(async (opts) => {
      exit = await sourceAddCommand(io, opts);
    });
  withConfig(source.command('list'))
    .description('list the sources, with their last check and error')
    .option('--json', 'one JSON line per source', false)
    .action(async (opts) => {
      exit = await sourceListCommand(io, opts);
    });
  withConfig(source.command('remove'))
    .description('stop watching a source (its finds are kept)')
    .argument('<id>', 'the source id', positiveInt)
    .option('--json', 'print the removed source as JSON', false)
    .action(async (id: number, opts) => {
      exit = await sourceRemoveCommand(io, id, opts);
    });
  withConfig(source.command('check'))
    .description('check a source now and print what was found')
    .argument('<id>', 'the source id', positiveInt)
    .option('--json', 'print the check report as JSON', false)
    .action(async (id: number, opts) => {
      exit = await sourceCheckCommand(io, registry, id, opts);
    });
  const find = program.command('find').description('known content the monitor saw at public URLs (docs/monitor.md)');
  withConfig(find.command('list'))
    .description('list finds, newest first, with incident, removal and referrals')
    .option('--open', 'only content not yet gone', false)
    .addOption(new Option('--source <id>', 'only finds of this source').argParser(positiveInt))
    .addOption(new Option('--limit <n>', 'at most this many (default 100)').argParser(positiveInt))
    .option('--json', 'one JSON line per find', false)
    .action(async (opts) => {
      exit = await findListCommand(io, opts);
    });
  withConfig(find.command('show'))
    .description('one find as JSON')
    .argument('<id>', 'the find id', positiveInt)
    .action(async (id: number, opts) => {
      exit = await findShowCommand(io, id, opts);
    });
  withReferralTerms(withConfig(find.command('refer')))
    .description("refer a find to the partner responsible for its host (default: monitor.hostPartners)")
    .argument('<id>', 'the find id', positiveInt)
    .option('--to <partner>', 'the receiving partner node id (default: the one configured for the host)')
    .option('--kind <kind>', 'referral (default) | removal_order')
    .option('--label <label>', "a label from the taxonomy (default: the first matched signal's)")
    .option('--json', 'print the referral as JSON', false)
    .action(async (id: number, opts) => {
      exit = await findReferCommand(io, id, opts);
    });

  const sync = program.command('sync').description("pulling partners' feeds");
  nodeOptions(sync.command('status'))
    .description("each partner's position in its feed, lag, last success and last error")
    .option('--json', 'a JSON line with the leader and problems, then one per partner', false)
    .action(async (opts) => {
      exit = await syncStatusCommand(io, opts);
    });

  const bank = program.command('bank').description('banks as ThreatExchange-style hash lists (docs/exchange-formats.md)');
  nodeOptions(bank.command('export'))
    .description('write a bank as a hash list; local signals never leave')
    .requiredOption('--bank <name>', 'the bank')
    .option('--format <format>', 'te-csv | te-json', 'te-csv')
    .option('--out <file>', 'write here instead of standard output')
    .option('--partner <id>', 'only what may leave towards this partner (default: this node)')
    .action(async (opts) => {
      exit = await bankExportCommand(io, opts);
    });
  nodeOptions(bank.command('import'))
    .description('add a hash list to a bank (created if missing); every line is validated')
    .requiredOption('--bank <name>', 'the bank')
    .requiredOption('--file <file>', 'the list')
    .requiredOption('--reason <text>', 'why these signals are banked (stored with each)')
    .option('--format <format>', 'te-csv | te-json', 'te-csv')
    .option('--label <label>', 'label for entries whose tags carry no taxonomy label')
    .option('--distribution <level>', 'local | partners | network | group:<name>', 'local')
    .option('--json', 'JSON output', false)
    .action(async (opts) => {
      exit = await bankImportCommand(io, registry, opts);
    });

  const incident = program.command('incident').description('incidents and their shared timelines (docs: GET /v1/incidents)');
  nodeOptions(incident.command('declare'))
    .description('declare an incident; it is signed into the feed for the partners its distribution reaches')
    .requiredOption('--title <text>', 'what happened, in a line')
    .requiredOption('--tier <tier>', 'a configured tier: perpetrator_content | content_incident | awareness by default')
    .requiredOption('--event-at <time>', 'when the attack or event happened (ISO time with zone)')
    .option('--discovered-at <time>', 'when it was discovered (default: now)')
    .option('--criterion <name=yes|no:reason>', 'one line of the checklist; give all four: ongoing_attack, perpetrator_produced, depicts_killing, on_partner_services', collect, [])
    .option('--distribution <level>', 'local | partners | network | group:<name>', 'partners')
    .option('--external <protocol:id>', "another protocol's reference, e.g. gifct-cip:CIP-12 (repeatable)", collect, [])
    .option('--lead <protocol>', 'the protocol that leads the response')
    .option('--bank <id>', 'a linked bank (repeatable)', collect, [])
    .option('--signal <uid>', 'a linked signal (repeatable)', collect, [])
    .option('--json', 'print the incident with its timeline as JSON', false)
    .action(async (opts) => {
      exit = await incidentDeclareCommand(io, opts);
    });
  nodeOptions(incident.command('list'))
    .description('incidents this node holds')
    .option('--status <status>', 'open | concluded')
    .option('--json', 'one JSON line per incident', false)
    .action(async (opts) => {
      exit = await incidentListCommand(io, opts);
    });
  nodeOptions(incident.command('show'))
    .description('an incident with its timeline and debrief timings')
    .argument('<id>', 'the incident id')
    .option('--json', 'JSON output', false)
    .action(async (id: string, opts) => {
      exit = await incidentShowCommand(io, id, opts);
    });
  nodeOptions(incident.command('note'))
    .description("add a note, or an action taken, to an incident's timeline")
    .argument('<id>', 'the incident id')
    .requiredOption('--text <text>', 'the note')
    .option('--kind <kind>', 'note | action | variant', 'note')
    .option('--event-at <time>', 'when it happened (default: now)')
    .option('--json', 'JSON output', false)
    .action(async (id: string, opts) => {
      exit = await incidentNoteCommand(io, id, opts);
    });
  nodeOptions(incident.command('join'))
    .description('declare that this node is working the incident')
    .argument('<id>', 'the incident id')
    .option('--text <text>', 'what this node does', 'working this incident')
    .option('--json', 'JSON output', false)
    .action(async (id: string, opts) => {
      exit = await incidentJoinCommand(io, id, opts);
    });
  nodeOptions(incident.command('conclude'))
    .description('conclude an incident this node declared, with a debrief of measured timings')
    .argument('<id>', 'the incident id')
    .option('--text <text>', 'why it is concluded', 'concluded')
    .option('--json', 'JSON output', false)
    .action(async (id: string, opts) => {
      exit = await incidentConcludeCommand(io, id, opts);
    });

  registerAlertCommands(program, io, (code) => (exit = code));
  registerRuleCommands(program, io, (code) => (exit = code));
  registerReviewCommands(program, io, (code) => (exit = code));
  registerClusterCommands(program, io, (code) => (exit = code));

  const taxii = program.command('taxii').description('TAXII 2.1 collections of other nodes and servers');
  nodeOptions(taxii.command('import'))
    .description("import a TAXII 2.1 collection's indicators into a bank (created if missing)")
    .requiredOption('--url <url>', 'the collection: http://host/taxii2/api/collections/<id>/')
    .requiredOption('--key <key>', 'the API key the server issued to this node')
    .requiredOption('--bank <name>', 'the bank to add to')
    .option('--added-after <time>', 'only objects added after this time (the last run printed it)')
    .option('--json', 'JSON output', false)
    .action(async (opts) => {
      exit = await taxiiImportCommand(io, registry, opts);
    });

  program
    .command('bench')
    .description('run a benchmark: pdq, index, api, text, audio, video, robustness, media, monitor (results in bench/results/)')
    .argument('<which>', 'pdq | index | api | text | audio | video | robustness | media | monitor')
    .allowUnknownOption(true)
    .argument('[args...]', 'passed to the benchmark')
    .action(async (which: string, args: string[]) => {
      exit = await benchCommand(io, which, args);
    });

  try {
    await program.parseAsync(argv);
    return exit;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    const coded = toConcordError(err);
    io.err(`${coded.code}: ${coded.message}`);
    return coded.exit;
  }
}
