import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { readEnv } from '../config/env.js';
import { ConcordError } from '../errors/concord-error.js';
import type { ExitCode } from '../errors/exit-code.js';
import { ERROR_CATALOGUE, type ErrorCode } from '../errors/error-catalogue.js';

/** How a command reaches a running node's HTTP API, and as which key. */
export interface NodeApiOptions {
  /** The node's base URL (default http://127.0.0.1:<CONCORD_PORT or 7400>). */
  readonly node?: string;
  /** An API key; prefer `keyFile`, which stays out of the process list. */
  readonly key?: string;
  readonly keyFile?: string;
  /** The node's data folder: its admin.key is used when no key is given. */
  readonly data?: string;
}

/** Adds `--node`, `--key-file`, `--key` and `--data` to a command that talks to a node's HTTP API. */
export function nodeApiOptions(cmd: Command): Command {
  return cmd
    .option('--node <url>', "the node's URL (default http://127.0.0.1:7400)")
    .option('--key-file <file>', 'a file holding the API key to act with')
    .option('--key <key>', 'the API key to act with (prefer --key-file)')
    .option('--data <dir>', "the node's data folder: its admin.key is used when no key is given");
}

/**
 * A small client of one node's HTTP API for the CLI: the caller acts with an API key, so
 * roles, the viewer's distribution rule and the audit log apply as for any client. A coded
 * error from the node comes back as the same ConcordError (same code, same exit code).
 *
 * @example
 *   const api = nodeApi({ node: 'http://127.0.0.1:7400', keyFile: 'analyst.key' });
 *   const { alerts } = await api.call<{ alerts: unknown[] }>('GET', '/v1/alerts?limit=10');
 */
export function nodeApi(o: NodeApiOptions): { call<T = Record<string, unknown>>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> } {
  const env = readEnv();
  const base = (o.node ?? `http://127.0.0.1:${env.port ?? 7400}`).replace(/\/+$/, '');
  const key = () => {
    if (o.key) return o.key;
    const file = o.keyFile ?? join(o.data ?? env.dataDir ?? 'concord-data', 'admin.key');
    try {
      return readFileSync(file, 'utf8').trim();
    } catch {
      throw new ConcordError('USAGE_INVALID', `no API key: give --key-file, --key or the --data folder holding admin.key (${file} could not be read)`);
    }
  };
  return {
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      const secret = key();
      let res: Response;
      try {
        res = await fetch(`${base}${path}`, {
          method,
          headers: { authorization: `Bearer ${secret}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          signal: AbortSignal.timeout(30_000),
        });
      } catch (err) {
        throw new ConcordError('NODE_UNREACHABLE', `${base}: ${(err as Error).message}`, { cause: err });
      }
      const text = await res.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : {};
      } catch {
        throw new ConcordError('NODE_UNREACHABLE', `${base}${path}: HTTP ${res.status} with a body that is not JSON`);
      }
      if (!res.ok) {
        const error = (json as { error?: { code?: string; message?: string } }).error;
        const code = error?.code && error.code in ERROR_CATALOGUE ? (error.code as ErrorCode) : 'INTERNAL';
        throw new ConcordError(code, error?.message ?? `HTTP ${res.status}`);
      }
      return json as T;
    },
  };
}

/** Sets the exit code of the command being run (main.ts keeps it). */
export type SetExit = (code: ExitCode) => void;

/** Prints rows as JSON lines with `--json`, else as an aligned table. */
export const cell = (v: unknown): string => (v === null || v === undefined || v === '' ? '-' : typeof v === 'object' ? JSON.stringify(v) : String(v));
