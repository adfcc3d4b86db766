import type { FastifyRequest } from 'fastify';
import type { BankRecord, OpinionRecord, SignalRecord } from '../domain/signal-record.js';
import { ConcordError } from '../errors/concord-error.js';
import type { MatchResult } from '../match/match-service.js';
import type { KyselyStore } from '../store/kysely-store.js';
import type { AuditEntry } from '../store/store.js';
import type { SignalListQuery } from '../store/store-signal-list.js';
import { auditVisibleTo } from './audit-visibility.js';
import { maySee, signalFilterFor, type ReadPurpose, type Viewer } from './viewer.js';
import { viewerOfRequest } from './viewer-of.js';

/** A signal with what the API shows beside it. */
export interface SignalDetail {
  readonly signal: SignalRecord;
  readonly contributor: { readonly id: string; readonly name: string } | null;
  readonly opinions: OpinionRecord[];
  readonly audit: AuditEntry[];
  /** The origin's signed feed event (JSON) for a received signal, else null. */
  readonly originEvent: string | null;
}

/**
 * The one read path: banks, signals, match provenance and audit entries as a given viewer
 * may see them (exchange formats and the feed: exchange-reads.ts; writes: write-guard.ts).
 * What a viewer may not see is NOT_FOUND, exactly like an id that does not exist, so
 * sequential ids do not reveal what exists.
 *
 * @example
 *   const reads = new ViewerReads(store, selfPartner);
 *   const viewer = await reads.viewerOf(request);
 *   await reads.signal(viewer, 7);   // NOT_FOUND for a partner's key when signal 7 is local
 */
export class ViewerReads {
  constructor(
    readonly store: KyselyStore,
    readonly selfPartner: string,
  ) {}

  viewerOf(request: FastifyRequest): Promise<Viewer> {
    return viewerOfRequest(this.store, this.selfPartner, request);
  }

  /** Whether a viewer may see a bank: the node's own keys every bank (for `read`); a partner the banks it owns or that hold something it may see. */
  async maySeeBank(viewer: Viewer, bank: BankRecord, purpose: ReadPurpose = 'read'): Promise<boolean> {
    const filter = signalFilterFor(viewer, purpose);
    if (!filter) return true;
    if (viewer.kind !== 'self' && bank.owner === viewer.partnerId) return true;
    return this.store.bankHolds(bank.id, filter);
  }

  async banks(viewer: Viewer, purpose: ReadPurpose = 'read'): Promise<BankRecord[]> {
    const all = await this.store.listBanks();
    const filter = signalFilterFor(viewer, purpose);
    if (!filter) return all;
    const holding = await this.store.bankIdsHolding(filter);
    return all.filter((b) => holding.has(b.id) || (viewer.kind !== 'self' && b.owner === viewer.partnerId));
  }

  async bank(viewer: Viewer, id: number, purpose: ReadPurpose = 'read'): Promise<BankRecord> {
    const bank = await this.store.getBank(id);
    if (!bank || !(await this.maySeeBank(viewer, bank, purpose))) throw new ConcordError('NOT_FOUND', `no bank with id ${id}`);
    return bank;
  }

  async signal(viewer: Viewer, id: number): Promise<SignalRecord> {
    const signal = await this.store.getSignal(id);
    if (!signal || !maySee(signal, viewer)) throw new ConcordError('NOT_FOUND', `no signal with id ${id}`);
    return signal;
  }

  /** A signal with its contributor, opinions, audit trail and origin event. */
  async signalDetail(viewer: Viewer, id: number): Promise<SignalDetail> {
    const signal = await this.signal(viewer, id);
    const [partner, opinions, audit, originEvent] = await Promise.all([
      this.store.getPartner(signal.contributor),
      this.store.listOpinions(id),
      this.store.listAudit({ limit: 1000, subjectType: 'signal', subjectId: String(id) }),
      this.store.getOriginEvent(id),
    ]);
    return { signal, contributor: partner ? { id: partner.id, name: partner.name } : null, opinions, audit, originEvent };
  }

  /**
   * A page of signals the viewer may see, newest first. The SQL prefilter keeps pages
   * full; maySee still judges every row. `next` is the `before` of the following page.
   */
  async signalPage(viewer: Viewer, q: Omit<SignalListQuery, 'filter'>): Promise<{ signals: SignalRecord[]; next: number | null }> {
    const page = await this.store.listSignalPage({ ...q, filter: signalFilterFor(viewer) });
    const next = page.length === q.limit ? page[page.length - 1]!.id : null;
    return { signals: page.filter((s) => maySee(s, viewer)), next };
  }

  /** Signals and match counts per label and per type, counting only what the viewer may see. */
  signalCounts(viewer: Viewer) {
    return this.store.signalCounts(signalFilterFor(viewer));
  }

  /**
   * Match results without the matches a viewer may not see: a partner's key learns
   * nothing (not even a near value or a label) of signals outside its view.
   */
  async matches(viewer: Viewer, results: MatchResult[]): Promise<MatchResult[]> {
    if (viewer.kind === 'self') return results;
    const ids = [...new Set(results.flatMap((r) => r.matches.map((m) => m.signalId)))];
    if (ids.length === 0) return results;
    const visible = new Set((await this.store.getSignals(ids)).filter((s) => maySee(s, viewer)).map((s) => s.id));
    return results.map((r) => ({ query: r.query, matches: r.matches.filter((m) => visible.has(m.signalId)) }));
  }

  /**
   * A page of the audit log as the viewer may see it. A partner's key sees only entries
   * about subjects it may see (audit-visibility.ts); the rest of the page is left out,
   * not redacted, so a page may hold fewer than `limit` entries while `next` still
   * walks the whole log.
   */
  async audit(viewer: Viewer, q: { afterSeq: number; limit: number; subjectType?: string; subjectId?: string }): Promise<{ entries: AuditEntry[]; next: number | null }> {
    const page = await this.store.listAudit(q);
    const next = page.length === q.limit ? page[page.length - 1]!.seq : null;
    return { entries: await auditVisibleTo(this, viewer, page), next };
  }
}
