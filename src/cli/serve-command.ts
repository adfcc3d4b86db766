import { readEnv } from '../config/env.js';
import { parseNodeConfig, type NodeConfig } from '../config/node-config.js';
import { createNode } from '../node/concord-node.js';
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
}

/** Node configuration from flags over environment over defaults, validated once. */
export function nodeConfigFrom(options: ServeOptions): NodeConfig {
  const env = readEnv();
  return parseNodeConfig({
    dataDir: options.data ?? env.dataDir,
    db: options.db ?? env.db,
    port: options.port ?? env.port,
    host: options.host ?? env.host,
    logLevel: options.logLevel ?? env.logLevel,
    demo: options.demo ?? false,
  });
}

/** `concord serve`: runs a node until SIGINT/SIGTERM. */
export async function serveCommand(io: CliIo, options: ServeOptions): Promise<ExitCode> {
  const config = nodeConfigFrom(options);
  const node = await createNode(config, { name: options.name });
  const url = await node.listen();
  io.err(`Concord node listening on ${url} (store: ${node.store.dialect}${node.store.dialect === 'sqlite' ? ` in ${config.dataDir}` : ''})`);
  if (node.adminKeyFile) io.err(`First start: an admin API key was written to ${node.adminKeyFile} (readable by this user only).`);
  io.err(`API description: ${url}/docs   health: ${url}/healthz`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await node.close();
  return ExitCode.OK;
}
