import { hexDigestSignal } from './hex-digest-signal.js';

/** `md5`: the MD5 of the file's bytes, as 32 lowercase hex characters. */
export const md5Signal = hexDigestSignal('md5', 'md5', 32);
