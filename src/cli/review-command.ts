import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { CliIo } from './cli-io.js';
import { ExitCode } from './exit-codes.js';
import { cell, nodeApi, nodeApiOptions, type NodeApiOptions, type SetExit } from './node-api.js';
import { formatTable } from './table.js';

interface ReviewItem {
  id: number;
  kind: string;
  partner: string | null;
  signalUid: string;
  cluster: string | null;
  candidate: { type: string; value: string } | null;
  distance: number | null;
  confidence: number | null;
  status: string;
  createdAt: string;
  acceptedSignalId: number | null;
}

const entryId = (raw: string): string => {
  if (!/^[1-9]\d{0,15}$/.test(raw)) throw new InvalidArgumentError('expected a review entry id (a positive whole number)');
  return raw;
};

/**
 * `concord review list|approve|reject`: the review queue (uncertain matches held by action
 * rules, and new-variant candidates), through the node's API. Approving a variant
 * candidate adds it to a bank as a new signal, which needs its confirmations like any other.
 */
export function registerReviewCommands(program: Command, io: CliIo, setExit: SetExit): void {
  const review = program.command('review').description('the review queue: uncertain matches and new-variant candidates (docs/early-warning.md)');
  nodeApiOptions(review.command('list'))
    .description('list review entries, oldest pending first as the node orders them')
    .option('--status <status>', 'pending | accepted | rejected')
    .option('--kind <kind>', 'match | variant_candidate')
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'one JSON line per entry', false)
    .action(async (o: NodeApiOptions & { status?: string; kind?: string; limit: string; json?: boolean }) => {
      const q = new URLSearchParams({ limit: o.limit, ...(o.status ? { status: o.status } : {}), ...(o.kind ? { kind: o.kind } : {}) });
      const { items } = await nodeApi(o).call<{ items: ReviewItem[] }>('GET', `/v1/review?${q}`);
      if (o.json) for (const i of items) io.out(JSON.stringify(i));
      else
        io.out(formatTable(['id', 'kind', 'status', 'signal', 'cluster', 'candidate', 'distance', 'confidence', 'created'], items.map((i) => [
          String(i.id), i.kind, i.status, i.signalUid, cell(i.cluster), i.candidate ? `${i.candidate.type}:${i.candidate.value.slice(0, 16)}…` : '-', cell(i.distance), i.confidence === null ? '-' : i.confidence.toFixed(2), i.createdAt,
        ])));
      setExit(ExitCode.OK);
    });
  nodeApiOptions(review.command('approve'))
    .description('approve an entry: a variant candidate is added to --bank with --label; a match records the decision')
    .argument('<id>', 'the review entry id', entryId)
    .option('--bank <id>', 'variant candidate: the bank to add it to')
    .option('--label <label>', 'variant candidate: its label (required for a candidate)')
    .option('--reason <text>', 'why it is approved')
    .option('--distribution <level>', 'variant candidate: local (default), partners, network or group:<name>')
    .option('--json', 'print the entry as JSON', false)
    .action(async (id: string, o: NodeApiOptions & { bank?: string; label?: string; reason?: string; distribution?: string; json?: boolean }) => {
      const body = { ...(o.bank ? { bankId: Number(o.bank) } : {}), ...(o.label ? { label: o.label } : {}), ...(o.reason ? { reason: o.reason } : {}), ...(o.distribution ? { distribution: o.distribution } : {}) };
      const item = await nodeApi(o).call<ReviewItem>('POST', `/v1/review/${id}/accept`, body);
      io.out(o.json ? JSON.stringify(item) : `review ${item.id}: accepted${item.acceptedSignalId !== null ? `, signal ${item.acceptedSignalId} added (needs its confirmations)` : ''}`);
      setExit(ExitCode.OK);
    });
  nodeApiOptions(review.command('reject'))
    .description('reject an entry, with the reason')
    .argument('<id>', 'the review entry id', entryId)
    .requiredOption('--reason <text>', 'why it is rejected')
    .option('--json', 'print the entry as JSON', false)
    .action(async (id: string, o: NodeApiOptions & { reason: string; json?: boolean }) => {
      const item = await nodeApi(o).call<ReviewItem>('POST', `/v1/review/${id}/reject`, { reason: o.reason });
      io.out(o.json ? JSON.stringify(item) : `review ${item.id}: rejected`);
      setExit(ExitCode.OK);
    });
}
