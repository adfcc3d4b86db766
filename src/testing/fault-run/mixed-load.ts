import { addSignals, giveOpinion, retract, type Contributor, type Distribution } from './contribution.js';
import { callNode, type Outcome } from './node-client.js';
import type { SeededRandom } from './seeded-random.js';
import type { TrackedSignal, Write, WriteLedger } from './write-ledger.js';

/** What a load run sent and how the node answered. */
export interface LoadStats {
  requests: number;
  acknowledged: Record<string, number>;
  unanswered: Record<string, number>;
  /** Why requests went unanswered: `ECONNRESET`, `STORE_UNAVAILABLE`, … */
  unansweredBy: Record<string, number>;
  /** Requests not sent because no process accepted the connection (the whole node was down). */
  unsent: number;
  /** Valid requests the node refused (4xx): each one is a finding. */
  refusals: string[];
}

const bump = (o: Record<string, number>, k: string) => (o[k] = (o[k] ?? 0) + 1);

/**
 * Mixed load on one node: writer loops adding signals (in batches, some `local`),
 * giving opinions and retracting, and matcher loops, each sending its next request as
 * soon as the last one is answered. Every write goes to the ledger.
 *
 * @example
 *   const load = new MixedLoad(contributor, matcherKey, ledger, new SeededRandom(seed));
 *   load.start({ writers: 3, matchers: 2 });
 *   …; await load.stop();
 */
export class MixedLoad {
  readonly stats: LoadStats = { requests: 0, acknowledged: {}, unanswered: {}, unansweredBy: {}, unsent: 0, refusals: [] };
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly node: Contributor,
    private readonly matcherKey: string,
    private readonly ledger: WriteLedger,
    private readonly rnd: SeededRandom,
  ) {}

  start(options: { writers: number; matchers: number }): void {
    this.running = true;
    for (let i = 0; i < options.writers; i++) this.loops.push(this.loop(() => this.write()));
    for (let i = 0; i < options.matchers; i++) this.loops.push(this.loop(() => this.match()));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async loop(step: () => Promise<void>): Promise<void> {
    while (this.running) {
      const before = this.failures();
      await step();
      // While the node is down every request fails at once: pace the retries instead of spinning.
      if (this.failures() > before) await new Promise((r) => setTimeout(r, 100));
    }
  }

  private failures(): number {
    return this.stats.unsent + Object.values(this.stats.unanswered).reduce((a, b) => a + b, 0);
  }

  private record(what: string, out: Outcome): void {
    this.stats.requests += 1;
    if (out.kind === 'ack') bump(this.stats.acknowledged, what);
    else if (out.kind === 'unanswered') {
      bump(this.stats.unanswered, what);
      bump(this.stats.unansweredBy, out.detail);
    } else if (out.kind === 'unsent') this.stats.unsent += 1;
    else this.stats.refusals.push(`${what}: ${out.status} ${out.code}`);
  }

  private async write(): Promise<void> {
    const writable = this.ledger.writable();
    const kind = writable.length < 20 ? 'add' : this.rnd.weighted({ add: 4, confirmed: 2, disputed: 1, seen: 1, retract: 1 });
    if (kind === 'add') return this.add();
    const s = this.rnd.pick(writable);
    this.ledger.sending(s);
    const write: Write = kind === 'retract' ? { kind: 'retract' } : { kind: 'opinion', opinion: kind };
    const out = kind === 'retract' ? await retract(this.node, s.id!) : await giveOpinion(this.node, s.id!, kind);
    this.record(kind, out);
    this.settle(s, write, out);
  }

  private async add(): Promise<void> {
    const n = this.rnd.int(1, 5);
    const distribution: Distribution = this.rnd.next() < 0.15 ? 'local' : 'partners';
    const tracked = this.ledger.trackBatch(Array.from({ length: n }, () => ({ value: this.rnd.pdq(), distribution })));
    const out = await addSignals(this.node, tracked);
    this.record('add', out);
    tracked.forEach((s, i) => this.settle(s, { kind: 'add' }, out, out.kind === 'ack' ? out.json.signals[i].id : undefined));
  }

  private settle(s: TrackedSignal, write: Write, out: Outcome, id?: number): void {
    if (out.kind === 'ack') this.ledger.acknowledged(s, write, id);
    else if (out.kind === 'unanswered') this.ledger.unanswered(s, write);
    else this.ledger.notStored(s); // refused (a finding) or never sent
  }

  private async match(): Promise<void> {
    const known = this.ledger.signals;
    const values = Array.from({ length: this.rnd.int(1, 20) }, () => (known.length > 0 && this.rnd.next() < 0.5 ? this.rnd.pick(known).value : this.rnd.pdq()));
    const out = await callNode(this.node.url, 'POST', '/v1/match', this.matcherKey, { signals: values.map((value) => ({ type: 'pdq', value })) });
    this.record('match', out);
  }
}
