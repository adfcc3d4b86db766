import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { ConcordError } from '../errors/concord-error.js';
import { readEnv } from '../config/env.js';
import { parseNodeConfig, type NodeConfig } from '../config/node-config.js';
import { createNode, prepareNode } from '../node/concord-node.js';
import type { CliIo } from './cli-io.js';
import { ExitCode } from './exit-codes.js';

export interface ServeOptions {
  readonly data?: string;
  readonly db?: string;
  readonly port?: number;
  readonly host?: string;
  readonly demo?: boolean;
  readonly logLevel?: string;
  readonly name?: string;
  readonly workers?: number;
  /** A JSON file with any NodeConfig fields (limits, dispute threshold, …); flags and environment win over it. */
  readonly config?: string;
}

/** Node configuration from flags over environment over defaults, validated once. */
export function nodeConfigFrom(options: ServeOptions): NodeConfig {
  const env = readEnv();
  const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  return parseNodeConfig({
    ...(options.config ? readConfigFile(options.config) : {}),
    ...defined({
    dataDir: options.data ?? env.dataDir,
    db: options.db ?? env.db,
    port: options.port ?? env.port,
    host: options.host ?? env.host,
    logLevel: options.logLevel ?? env.logLevel,
    demo: options.demo,
    }),
  });
}

function readConfigFile(path: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConcordError('USAGE_INVALID', `cannot read the config file ${path}: ${(err as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConcordError('USAGE_INVALID', `${path} must hold a JSON object`);
  return parsed as Record<string, unknown>;
}

const untilSignal = () =>
  new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });

/**
 * `concord serve`: runs a node until SIGINT/SIGTERM. With `--workers N`, N processes share
 * the port and the database, each with its own index kept current from the change log:
 * throughput scales with cores, and a write made through one worker is matchable through
 * the others within the poll interval (200 ms), not at once.
 */
export async function serveCommand(io: CliIo, options: ServeOptions): Promise<ExitCode> {
  const config = nodeConfigFrom(options);
  const workers = options.workers ?? 1;
  if (workers > 1 && cluster.isPrimary) return runPrimary(io, config, options, workers);
  const inWorker = cluster.isWorker;
  // Every process competes for the sync lease; the one holding it pulls partners' feeds (src/node/leader/).
  const node = await createNode(config, { name: options.name, skipSetup: inWorker });
  const url = await node.listen();
  if (!inWorker) {
    io.err(`Concord node listening on ${url} (store: ${node.store.dialect}${node.store.dialect === 'sqlite' ? ` in ${config.dataDir}` : ''})`);
    if (node.adminKeyFile) io.err(`First start: an admin API key was written to ${node.adminKeyFile} (readable by this user only).`);
    io.err(`API description: ${url}/docs   health: ${url}/healthz`);
  }
  await untilSignal();
  await node.close();
  // The IPC channel to the primary would keep a worker alive after its server closed.
  if (inWorker) cluster.worker?.disconnect();
  return ExitCode.OK;
}

async function runPrimary(io: CliIo, config: NodeConfig, options: ServeOptions, workers: number): Promise<ExitCode> {
  const { adminKeyFile } = await prepareNode(config, { name: options.name });
  let stopping = false;
  const fork = () => cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    io.err(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    fork();
  });
  const ready = new Promise<void>((resolve) => {
    let listening = 0;
    cluster.on('listening', () => {
      if (++listening === workers) resolve();
    });
  });
  for (let i = 0; i < workers; i++) fork();
  await ready;
  io.err(`Concord node listening on http://${config.host}:${config.port} with ${workers} worker processes (store: ${config.db?.startsWith('postgres') ? 'postgres' : `sqlite in ${config.dataDir}`})`);
  if (adminKeyFile) io.err(`First start: an admin API key was written to ${adminKeyFile} (readable by this user only).`);
  await untilSignal();
  stopping = true;
  const exits = Object.values(cluster.workers ?? {}).map((w) => new Promise((r) => w?.once('exit', r)));
  for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
  await Promise.all(exits);
  return ExitCode.OK;
}
