import { z } from 'zod';
import { ConcordError } from '../errors/concord-error.js';
import type { PartnerRecord } from '../store/store.js';
import { AuditCheckpointSchema, type AuditCheckpoint } from './audit-checkpoint.js';
import type { NodeKey } from './node-key.js';
import { errorSummary, outboundHttp, type HttpClient } from './outbound/outbound-http.js';
import { signRequest } from './peer-auth.js';

export const CheckpointListSchema = z.object({ checkpoints: z.array(AuditCheckpointSchema).max(1000) });

/**
 * The checkpoints of `node` that `partner` keeps, asked for with this node's signed request.
 *
 *   await fetchCheckpoints(partner, { key, selfId, node: selfId })
 */
export async function fetchCheckpoints(partner: PartnerRecord, o: { key: NodeKey; selfId: string; node: string; limit?: number; timeoutMs?: number; http?: HttpClient }): Promise<AuditCheckpoint[]> {
  const path = `/v1/audit/checkpoints?node=${encodeURIComponent(o.node)}&limit=${o.limit ?? 100}`;
  const http = o.http ?? outboundHttp();
  let json: unknown;
  try {
    // Through the outbound rules (http(s) only, no redirects), like every other call to a partner.
    const res = await http(`${partner.url!.replace(/\/+$/, '')}${path}`, {
      headers: { authorization: signRequest(o.key, o.selfId, partner.id, 'GET', path), accept: 'application/json' },
      signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
    });
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new ConcordError('PARTNER_UNREACHABLE', `${partner.id} answered ${res.status}`);
    }
    // The parser's message quotes the start of the body: a remote answer is never repeated.
    json = await res.json().catch(() => undefined);
  } catch (err) {
    if (err instanceof ConcordError && err.code !== 'INTERNAL') throw err;
    throw new ConcordError('PARTNER_UNREACHABLE', errorSummary(`${partner.id}: ${(err as Error).message}`));
  }
  const parsed = CheckpointListSchema.safeParse(json);
  if (!parsed.success) throw new ConcordError('PARTNER_UNREACHABLE', `${partner.id} answered with something that is not a checkpoint list`);
  return parsed.data.checkpoints.filter((c) => c.node === o.node);
}
