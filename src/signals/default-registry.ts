import { audioChromaprintNarrowbandSignal } from './audio-chromaprint/chromaprint-narrowband-signal.js';
import { audioChromaprintSignal } from './audio-chromaprint/chromaprint-signal.js';
import { md5Signal } from './md5-signal.js';
import { pdqMultiSignal } from './pdq-multi/pdq-multi-signal.js';
import { pdqSignal } from './pdq/pdq-signal.js';
import { sha256Signal } from './sha256-signal.js';
import { SignalRegistry } from './signal-registry.js';
import { textMinhashSignal } from './text/text-minhash-signal.js';
import { textSha256Signal } from './text/text-sha256-signal.js';
import { urlMd5Signal, urlSha256Signal } from './url/url-digest-signals.js';
import { domainSignal } from './url/url-domain-signal.js';
import { urlSignal } from './url/url-signal.js';
import { vpdqMultiSignal } from './vpdq-multi/vpdq-multi-signal.js';
import { vpdqSignal } from './vpdq/vpdq-signal.js';

/** The composition root for signal types: a new type is one more entry here. */
export function defaultRegistry(): SignalRegistry {
  return new SignalRegistry([pdqSignal, pdqMultiSignal, vpdqSignal, audioChromaprintSignal, md5Signal, sha256Signal, textSha256Signal, textMinhashSignal, urlSignal, urlSha256Signal, urlMd5Signal, domainSignal, audioChromaprintNarrowbandSignal, vpdqMultiSignal]);
}
