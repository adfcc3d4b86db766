import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../util/package-root.js';
import { freePort } from './free-port.js';

const START_TIMEOUT_MS = 120_000;

/** A real `concord serve` process on 127.0.0.1, for end-to-end tests. */
export class NodeProcess {
  private child?: ChildProcess;
  output = '';
  private constructor(readonly dataDir: string, readonly port: number, private readonly extraArgs: string[]) {}

  static async start(dataDir: string, extraArgs: string[] = []): Promise<NodeProcess> {
    const proc = new NodeProcess(dataDir, await freePort(), extraArgs);
    await proc.restart();
    return proc;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The admin key this node (or the first process on its database) wrote on first start. */
  adminKey(): string {
    return readFileSync(join(this.dataDir, 'admin.key'), 'utf8').trim();
  }

  hasAdminKey(): boolean {
    return existsSync(join(this.dataDir, 'admin.key'));
  }

  async restart(): Promise<void> {
    const bin = join(packageRoot(), 'bin', 'concord.js');
    this.child = spawn(process.execPath, [bin, 'serve', '--data', this.dataDir, '--port', String(this.port), '--log-level', 'warn', ...this.extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (d) => (this.output += d));
    this.child.stderr!.on('data', (d) => (this.output += d));
    // Generous: on a machine shared with other builds a cold start has taken over 25 s; a healthy node answers long before.
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`concord serve exited with ${this.child.exitCode}: ${this.output}`);
      try {
        const res = await fetch(`${this.url}/healthz`);
        if (res.ok) return;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) {
        // Not left running: a test whose start-up failed has no handle to end it, and it would outlive the run.
        this.child.kill('SIGKILL');
        throw new Error(`concord serve did not become healthy within ${START_TIMEOUT_MS / 1000} s: ${this.output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Sends a signal and waits for the process to exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }

  async call(method: string, path: string, key: string | null, body?: unknown): Promise<{ status: number; json: any }> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, json };
  }
}
