import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { CliIo } from './cli-io.js';
import { collect } from './option-parsers.js';
import { ExitCode } from './exit-codes.js';
import { cell, nodeApi, nodeApiOptions, type NodeApiOptions, type SetExit } from './node-api.js';
import { formatTable } from './table.js';

interface Rule {
  id: string;
  partner: string;
  description: string;
  signalTypes: string[];
  labels: string[];
  incidentId: string | null;
  maxDistance: number | null;
  action: string;
  url: string | null;
  reviewBelow: number;
  onAlerts: boolean;
  disabledAt: string | null;
}

const number = (raw: string): number => {
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new InvalidArgumentError('expected a number');
  return n;
};

/**
 * `concord rule list|add|remove|deliveries`: per-partner action rules (webhook, review or
 * log) and their delivery log, through the node's API (docs/webhooks.md). Rules are never
 * deleted: `remove` disables one, so its deliveries keep their rule.
 */
export function registerRuleCommands(program: Command, io: CliIo, setExit: SetExit): void {
  const rule = program.command('rule').description("action rules: what a partner's matches trigger (signed webhook, review queue, log)");
  nodeApiOptions(rule.command('list'))
    .description('list action rules, disabled ones included')
    .option('--json', 'one JSON line per rule', false)
    .action(async (o: NodeApiOptions & { json?: boolean }) => {
      const { rules } = await nodeApi(o).call<{ rules: Rule[] }>('GET', '/v1/actions/rules');
      if (o.json) for (const r of rules) io.out(JSON.stringify(r));
      else
        io.out(formatTable(['id', 'partner', 'action', 'types', 'labels', 'incident', 'max dist', 'review <', 'state', 'description'], rules.map((r) => [
          r.id, r.partner, r.action === 'webhook' ? `webhook ${r.url}${r.onAlerts ? ' +alerts' : ''}` : r.action, r.signalTypes.join(',') || 'any', r.labels.join(',') || 'any', cell(r.incidentId), cell(r.maxDistance), String(r.reviewBelow), r.disabledAt ? `disabled ${r.disabledAt}` : 'active', r.description,
        ])));
      setExit(ExitCode.OK);
    });
  nodeApiOptions(rule.command('add'))
    .description("add a rule: a partner's matches (filtered by type, label, incident, distance) → webhook, review or log")
    .requiredOption('--action <action>', 'webhook | review | log')
    .requiredOption('--description <text>', 'what the rule is for')
    .option('--partner <id>', 'the partner organisation whose matches it acts on (default: this node)')
    .option('--signal-type <type>', 'only matches of this signal type (repeatable; none: any)', collect, [])
    .option('--label <label>', 'only matches with this label (repeatable; none: any)', collect, [])
    .option('--incident <id>', 'only matches of signals under this incident')
    .option('--max-distance <n>', 'only matches at most this far', number)
    .option('--url <url>', 'webhook: where the signed POST goes')
    .option('--secret-file <file>', 'webhook: a file with the HMAC secret (default: generated and printed once)')
    .option('--review-below <confidence>', 'matches under this confidence (0..1) go to review whatever the action', number)
    .option('--on-alerts', 'webhook: also send alerts the partner may see', false)
    .option('--json', 'print {"rule", "secret"} as JSON', false)
    .action(async (o: NodeApiOptions & { action: string; description: string; partner?: string; signalType: string[]; label: string[]; incident?: string; maxDistance?: number; url?: string; secretFile?: string; reviewBelow?: number; onAlerts: boolean; json?: boolean }) => {
      const { readFileSync } = await import('node:fs');
      const body = {
        action: o.action,
        description: o.description,
        ...(o.partner ? { partner: o.partner } : {}),
        signalTypes: o.signalType,
        labels: o.label,
        incidentId: o.incident ?? null,
        maxDistance: o.maxDistance ?? null,
        ...(o.url ? { url: o.url } : {}),
        ...(o.secretFile ? { secret: readFileSync(o.secretFile, 'utf8').trim() } : {}),
        ...(o.reviewBelow !== undefined ? { reviewBelow: o.reviewBelow } : {}),
        onAlerts: o.onAlerts,
      };
      const created = await nodeApi(o).call<{ rule: Rule; secret: string | null }>('POST', '/v1/actions/rules', body);
      if (o.json) io.out(JSON.stringify(created));
      else {
        io.out(`rule ${created.rule.id} added: ${created.rule.partner}'s matches → ${created.rule.action}`);
        if (created.secret && !o.secretFile) io.out(`webhook secret (shown once): ${created.secret}`);
      }
      setExit(ExitCode.OK);
    });
  nodeApiOptions(rule.command('remove'))
    .description('disable a rule (kept, with its delivery log)')
    .argument('<id>', 'the rule id')
    .option('--json', 'print the disabled rule as JSON', false)
    .action(async (id: string, o: NodeApiOptions & { json?: boolean }) => {
      const r = await nodeApi(o).call<Rule>('POST', `/v1/actions/rules/${encodeURIComponent(id)}/disable`);
      io.out(o.json ? JSON.stringify(r) : `rule ${r.id} disabled at ${r.disabledAt}`);
      setExit(ExitCode.OK);
    });
  nodeApiOptions(rule.command('deliveries'))
    .description('the delivery log: webhooks sent, retried, dead-lettered, and actions logged')
    .option('--rule <id>', 'only this rule')
    .option('--status <status>', 'pending | delivered | dead | logged')
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'one JSON line per delivery', false)
    .action(async (o: NodeApiOptions & { rule?: string; status?: string; limit: string; json?: boolean }) => {
      const q = new URLSearchParams({ limit: o.limit, ...(o.rule ? { ruleId: o.rule } : {}), ...(o.status ? { status: o.status } : {}) });
      const { deliveries } = await nodeApi(o).call<{ deliveries: { id: number; ruleId: string; event: string; status: string; attempts: number; lastStatus: number | null; lastError: string | null; createdAt: string }[] }>('GET', `/v1/actions/deliveries?${q}`);
      if (o.json) for (const d of deliveries) io.out(JSON.stringify(d));
      else io.out(formatTable(['id', 'rule', 'event', 'status', 'attempts', 'last status', 'created', 'last error'], deliveries.map((d) => [String(d.id), d.ruleId, d.event, d.status, String(d.attempts), cell(d.lastStatus), d.createdAt, cell(d.lastError)])));
      setExit(ExitCode.OK);
    });
}
