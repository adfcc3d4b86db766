import { hexDigestSignal } from './hex-digest-signal.js';

/** `sha256`: the SHA-256 of the file's bytes, as 64 lowercase hex characters. */
export const sha256Signal = hexDigestSignal('sha256', 'sha256', 64);
