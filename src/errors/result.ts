import type { ErrorCode } from './error-catalogue.js';

/** Expected failures callers branch on come back as results, not exceptions. */
export type Result<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode, message: string): Result<T> => ({ ok: false, code, message });
