import type { PartnerRecord } from '../../store/store.js';
import { DEFAULT_PULLER_OPTIONS, PartnerPuller, type PullerDeps, type PullerOptions } from './partner-puller.js';

/**
 * Keeps one puller per partner that has a URL and a public key. It re-reads the partner
 * list every few seconds (and at once when the API registers one), so a partner added by
 * the CLI or the API while the node runs is picked up without a restart.
 */
export class SyncSupervisor {
  private readonly pullers = new Map<string, { puller: PartnerPuller; fingerprint: string }>();
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private reconciling: Promise<void> = Promise.resolve();

  constructor(private readonly deps: PullerDeps, private readonly options: PullerOptions = DEFAULT_PULLER_OPTIONS, private readonly intervalMs = 2000) {}

  start(): void {
    const tick = async () => {
      await this.reconcile();
      if (!this.stopped) this.timer = setTimeout(() => void tick(), this.intervalMs);
    };
    void tick();
  }

  /** Starts pullers for new partners and restarts those whose URL, key or groups changed. */
  reconcile(): Promise<void> {
    this.reconciling = this.reconciling.then(async () => {
      if (this.stopped) return;
      let partners: PartnerRecord[];
      try {
        partners = (await this.deps.store.listPartners()).filter((p) => p.kind === 'partner' && p.url && p.publicKey);
      } catch {
        return; // the database is away; try again next tick
      }
      const wanted = new Map(partners.map((p) => [p.id, p]));
      for (const [id, entry] of this.pullers) {
        const p = wanted.get(id);
        if (!p || fingerprint(p) !== entry.fingerprint) {
          this.pullers.delete(id);
          await entry.puller.stop();
        }
      }
      for (const p of partners) {
        if (this.pullers.has(p.id)) continue;
        const puller = new PartnerPuller(p, this.deps, this.options);
        this.pullers.set(p.id, { puller, fingerprint: fingerprint(p) });
        puller.start();
      }
    });
    return this.reconciling;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.reconciling;
    await Promise.all([...this.pullers.values()].map((e) => e.puller.stop()));
    this.pullers.clear();
  }
}

const fingerprint = (p: PartnerRecord) => `${p.url}|${p.publicKey}|${p.sharingGroups.join(',')}`;
