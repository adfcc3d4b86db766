import type { SignalRecord } from '../../domain/signal-record.js';
import { identityId, indicatorId, observableId } from './stix-ids.js';
import { patternFor } from './stix-pattern.js';
import { TLP_MARKINGS, tlpFor } from './stix-tlp.js';

/** A STIX object as served: plain JSON. */
export type StixObjectJson = Readonly<Record<string, unknown>> & { readonly type: string; readonly id: string };

/**
 * The STIX 2.1 objects for one signal: an Indicator, then (for md5, sha256, whole URLs and
 * domains, while the signal is not retracted) the File, URL or Domain Name observable.
 * `created`/`modified` are the signal's; a retraction is a new version with `revoked: true`.
 *
 * @example
 *   signalToStix(record, 'node-1a2b');   // [{ type: 'indicator', id: 'indicator--…', pattern: "[file:hashes.MD5 = '…']", … }, { type: 'file', … }]
 */
export function signalToStix(s: SignalRecord, nodeId: string): StixObjectJson[] {
  const marking = TLP_MARKINGS[tlpFor(s.distribution)];
  const indicator: StixObjectJson = {
    type: 'indicator',
    spec_version: '2.1',
    id: indicatorId(nodeId, s.id),
    created: s.createdAt,
    modified: s.updatedAt,
    created_by_ref: identityId(s.contributor),
    name: `${s.type} signal`,
    description: s.reason,
    pattern: patternFor(s.type, s.value),
    pattern_type: 'stix',
    valid_from: s.createdAt,
    labels: [s.label],
    ...(s.status === 'retracted' ? { revoked: true } : {}),
    object_marking_refs: [marking],
    x_concord_signal_type: s.type,
    x_concord_signal_value: s.value,
    x_concord_label: s.label,
    x_concord_reason: s.reason,
    x_concord_status: s.status,
    x_concord_distribution: s.distribution,
    x_concord_contributor: s.contributor,
    x_concord_reviewed: s.reviewedAt !== null,
  };
  const observable = s.status === 'retracted' ? undefined : observableFor(s.type, s.value);
  return observable ? [indicator, { ...observable, object_marking_refs: [marking] }] : [indicator];
}

/** The standard cyber-observable for a signal, where STIX has one. */
function observableFor(type: string, value: string): StixObjectJson | undefined {
  const sco = (t: string, props: Record<string, unknown>): StixObjectJson => ({ type: t, spec_version: '2.1', id: observableId(t, props), ...props });
  switch (type) {
    case 'md5':
      return sco('file', { hashes: { MD5: value } });
    case 'sha256':
      return sco('file', { hashes: { 'SHA-256': value } });
    case 'url':
      return value.endsWith('/*') ? undefined : sco('url', { value });
    case 'domain':
      return sco('domain-name', { value });
    default:
      return undefined;
  }
}
