import type { Command } from 'commander';
import type { CliIo } from './cli-io.js';
import { ExitCode } from './exit-codes.js';
import { cell, nodeApi, nodeApiOptions, type NodeApiOptions, type SetExit } from './node-api.js';
import { formatTable } from './table.js';

interface Alert {
  uid: string;
  origin: string;
  kind: string;
  severity: string;
  title: string;
  subject: { type: string; id: string };
  incidentId: string | null;
  signalUids: string[];
  details: Record<string, unknown>;
  distribution: string;
  repeatCount: number;
  firstAt: string;
  lastAt: string;
  receivedFrom: string | null;
  /** The key's organisation's own acknowledgement, or null. */
  acknowledgement: { at: string; keyId: string; note: string } | null;
}

const ackCell = (a: Alert): string => (a.acknowledgement ? `${a.acknowledgement.at} (${a.acknowledgement.keyId})` : '-');

/**
 * `concord alert list|show|ack`, through the node's API: the key's organisation sees the
 * alerts the distribution rule lets reach it (GET /v1/alerts, GET /v1/alerts/{uid}), and
 * acknowledges them for itself (POST /v1/alerts/{uid}/ack).
 */
export function registerAlertCommands(program: Command, io: CliIo, setExit: SetExit): void {
  const alert = program.command('alert').description('alerts raised here and received from partners: surges, overdue referrals, monitor finds (docs/early-warning.md)');
  nodeApiOptions(alert.command('list'))
    .description('list alerts, newest first')
    .option('--kind <kind>', 'only this kind (surge, referral_overdue, monitor_find, …)')
    .option('--since <time>', 'only alerts raised or repeated since this ISO time')
    .option('--incident <id>', 'only alerts about this incident')
    .option('--acknowledged <yes-or-no>', 'only alerts your organisation has (true) or has not (false) acknowledged')
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'one JSON line per alert', false)
    .action(async (o: NodeApiOptions & { kind?: string; since?: string; incident?: string; acknowledged?: string; limit: string; json?: boolean }) => {
      const q = new URLSearchParams({ limit: o.limit, ...(o.kind ? { kind: o.kind } : {}), ...(o.since ? { since: o.since } : {}), ...(o.incident ? { incident: o.incident } : {}), ...(o.acknowledged ? { acknowledged: o.acknowledged } : {}) });
      const { alerts } = await nodeApi(o).call<{ alerts: Alert[] }>('GET', `/v1/alerts?${q}`);
      if (o.json) for (const a of alerts) io.out(JSON.stringify(a));
      else io.out(formatTable(['uid', 'kind', 'severity', 'origin', 'last', 'repeats', 'acknowledged', 'title'], alerts.map((a) => [a.uid, a.kind, a.severity, a.origin, a.lastAt, String(a.repeatCount), ackCell(a), a.title])));
      setExit(ExitCode.OK);
    });
  nodeApiOptions(alert.command('show'))
    .description('one alert with its details')
    .argument('<uid>', 'the alert uid (`<origin node>:<id>`, from `concord alert list`)')
    .option('--json', 'print the alert as JSON', false)
    .action(async (uid: string, o: NodeApiOptions & { json?: boolean }) => {
      const a = await nodeApi(o).call<Alert>('GET', `/v1/alerts/${encodeURIComponent(uid)}`);
      if (o.json) io.out(JSON.stringify(a));
      else {
        io.out(`${a.uid}  ${a.severity}  ${a.kind}\n${a.title}`);
        io.out(`raised by ${a.origin}${a.receivedFrom ? ` (received from ${a.receivedFrom})` : ''} at ${a.firstAt}; last ${a.lastAt}; ${a.repeatCount}×; distribution ${a.distribution}`);
        io.out(`subject ${a.subject.type} ${a.subject.id}${a.incidentId ? ` · incident ${a.incidentId}` : ''}${a.signalUids.length ? ` · signals ${a.signalUids.join(', ')}` : ''}`);
        io.out(a.acknowledgement ? `acknowledged at ${a.acknowledgement.at} with key ${a.acknowledgement.keyId}${a.acknowledgement.note ? `: ${a.acknowledgement.note}` : ''}` : 'not acknowledged');
        for (const [k, v] of Object.entries(a.details)) io.out(`  ${k}: ${cell(v)}`);
      }
      setExit(ExitCode.OK);
    });
  nodeApiOptions(alert.command('ack'))
    .description("acknowledge an alert for your organisation: records when and with which key (a second acknowledgement is ALERT_ALREADY_ACKNOWLEDGED)")
    .argument('<uid>', 'the alert uid (`<origin node>:<id>`, from `concord alert list`)')
    .option('--note <text>', 'what you are doing about it (at most 1,000 characters)')
    .option('--json', 'print the acknowledged alert as JSON', false)
    .action(async (uid: string, o: NodeApiOptions & { note?: string; json?: boolean }) => {
      const a = await nodeApi(o).call<Alert>('POST', `/v1/alerts/${encodeURIComponent(uid)}/ack`, o.note !== undefined ? { note: o.note } : {});
      if (o.json) io.out(JSON.stringify(a));
      else io.out(`${a.uid} acknowledged at ${a.acknowledgement?.at} with key ${a.acknowledgement?.keyId}`);
      setExit(ExitCode.OK);
    });
}
