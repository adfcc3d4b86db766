import { ConcordError } from '../errors/concord-error.js';
import type { AuditVerification } from './store.js';

/**
 * The coded error for a chain that did not verify, naming the first broken entry: what
 * `concord audit verify` exits with and `GET /v1/audit/verify?strict=true` answers.
 */
export function auditChainBroken(result: AuditVerification): ConcordError {
  const broken = result.firstBroken;
  const where = broken ? `entry ${broken.seq}: ${broken.problem}` : 'the chain does not verify';
  return new ConcordError('AUDIT_CHAIN_BROKEN', `${where} (${result.checked} entries before it verified)`);
}
