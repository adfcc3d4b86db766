import { md5Signal } from './md5-signal.js';
import { pdqSignal } from './pdq/pdq-signal.js';
import { sha256Signal } from './sha256-signal.js';
import { SignalRegistry } from './signal-registry.js';

/** The composition root for signal types: a new type is one more entry here. */
export function defaultRegistry(): SignalRegistry {
  return new SignalRegistry([pdqSignal, md5Signal, sha256Signal]);
}
