import { ConcordError } from '../errors/concord-error.js';
import type { Viewer } from './viewer.js';
import type { ViewerReads } from './viewer-reads.js';

/**
 * Ownership on writes, through the same reads as everything else. The node's own keys
 * pass here (the store still applies its own rules, e.g. only a contributor retracts).
 * A partner's key:
 * - changes a bank (rename, add signals or content) only if it owns it: NOT_FOUND when it
 *   may not see the bank, FORBIDDEN when it may see but not own it;
 * - retracts or relabels only signals it contributed: NOT_FOUND when it may not see the
 *   signal, FORBIDDEN when it may see but did not contribute it;
 * - gives an opinion only on a signal it may see: NOT_FOUND otherwise.
 * Each check runs before anything is read from the body or stored.
 */
export class WriteGuard {
  constructor(private readonly reads: ViewerReads) {}

  async mayChangeBank(viewer: Viewer, bankId: number): Promise<void> {
    if (viewer.kind === 'self') return;
    const bank = await this.reads.bank(viewer, bankId);
    if (bank.owner !== viewer.partnerId) throw new ConcordError('FORBIDDEN', `bank ${bankId} belongs to ${bank.owner}; a key of ${viewer.partnerId} may change only its own banks`);
  }

  async mayChangeSignal(viewer: Viewer, signalId: number): Promise<void> {
    if (viewer.kind === 'self') return;
    const signal = await this.reads.signal(viewer, signalId);
    if (signal.contributor !== viewer.partnerId) {
      throw new ConcordError('FORBIDDEN', `only the contributor (${signal.contributor}) can change signal ${signalId}; dispute it instead`);
    }
  }

  async mayGiveOpinion(viewer: Viewer, signalId: number): Promise<void> {
    if (viewer.kind === 'self') return;
    await this.reads.signal(viewer, signalId);
  }
}
