import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.js';

/**
 * A throwaway PostgreSQL server for tests: Debian's postgresql binaries, a fresh cluster
 * in a temp folder, listening on 127.0.0.1 on a free port. As root it runs as the
 * `postgres` system user, because PostgreSQL refuses to run as root.
 */
export class PostgresServer {
  private child?: ChildProcess;
  private constructor(readonly dataDir: string, readonly port: number, private readonly bin: string) {}

  static binDir(): string | undefined {
    const root = '/usr/lib/postgresql';
    if (!existsSync(root)) return undefined;
    const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'postgres'))).sort((a, b) => Number(b) - Number(a));
    return versions[0] && join(root, versions[0], 'bin');
  }

  static async start(): Promise<PostgresServer> {
    const bin = PostgresServer.binDir();
    if (!bin) throw new Error('PostgreSQL server binaries not found: apt-get install postgresql (.ci/run does)');
    const dataDir = mkdtempSync(join(tmpdir(), 'concord-pg-'));
    chmodSync(dataDir, 0o777);
    const server = new PostgresServer(join(dataDir, 'data'), await freePort(), bin);
    server.exec('initdb', ['-D', server.dataDir, '-U', 'concord', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    await server.resume();
    return server;
  }

  get url(): string {
    return `postgres://concord@127.0.0.1:${this.port}/postgres`;
  }

  urlFor(database: string): string {
    return `postgres://concord@127.0.0.1:${this.port}/${database}`;
  }

  /** Creates an empty database and returns its URL. */
  async createDatabase(name: string): Promise<string> {
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    await client.query(`create database "${name}"`);
    await client.end();
    return this.urlFor(name);
  }

  /** Starts (or restarts) the server process and waits until it accepts connections. */
  async resume(): Promise<void> {
    const args = ['-D', this.dataDir, '-p', String(this.port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${this.dataDir}`, '-c', 'fsync=off', '-c', 'max_connections=200'];
    const [cmd, argv] = this.asPostgresUser(join(this.bin, 'postgres'), args);
    this.child = spawn(cmd, argv, { stdio: 'ignore' });
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 1000 });
        await client.connect();
        await client.end();
        return;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`PostgreSQL did not start: ${String(err)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  /**
   * Stops the server abruptly, as a crash would: the postmaster and every backend get
   * SIGKILL, so clients see their connections drop.
   */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.signal('SIGINT'); // fast shutdown
    rmSync(join(this.dataDir, '..'), { recursive: true, force: true });
  }

  /** Signals the postmaster itself (the spawned child may be `runuser`, which does not pass signals on). */
  private async signal(sig: 'SIGINT' | 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    const pid = Number(readFileSync(join(this.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (sig === 'SIGKILL') {
      // Backends are the postmaster's children; kill them too so the port and sockets close.
      try {
        execFileSync('pkill', ['-KILL', '-P', String(pid)]);
      } catch {
        /* no children */
      }
    }
    process.kill(pid, sig);
    await exited;
  }

  private exec(tool: string, args: string[]): void {
    const [cmd, argv] = this.asPostgresUser(join(this.bin, tool), args);
    execFileSync(cmd, argv, { stdio: 'pipe' });
  }

  private asPostgresUser(cmd: string, args: string[]): [string, string[]] {
    if (process.getuid?.() !== 0) return [cmd, args];
    return ['runuser', ['-u', 'postgres', '--', cmd, ...args]];
  }
}
