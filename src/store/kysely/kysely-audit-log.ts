import { listAudit, verifyAudit } from '../store-audit.js';
import type { AuditPort } from '../store-ports.js';
import type { AuditEntry, AuditVerification } from '../store.js';
import type { KyselyContext } from './kysely-context.js';

/** Reading and verifying the audit chain (the other ports append to it in their transactions). */
export class KyselyAuditLog implements AuditPort {
  constructor(private readonly ctx: KyselyContext) {}

  listAudit(options: { afterSeq?: number; limit: number; subjectType?: string; subjectId?: string }): Promise<AuditEntry[]> {
    return this.ctx.run(() => listAudit(this.ctx.db, options));
  }

  verifyAudit(): Promise<AuditVerification> {
    return this.ctx.run(() => verifyAudit(this.ctx.db));
  }
}
