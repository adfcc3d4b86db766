import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { packageRoot } from '../../util/package-root.js';
import { CONTENT_TYPES } from './console-headers.js';

/** One built file of the console, held in memory: the whole console is a few hundred KB. */
export interface ConsoleFile {
  readonly body: Buffer;
  readonly contentType: string;
}

/**
 * The built console (vite output in dist/web), read once at start-up. Only files that
 * exist in the build are ever answered, by exact name, so a request path cannot reach
 * anything else on disk.
 */
export class ConsoleFiles {
  private constructor(
    readonly index: Buffer | undefined,
    private readonly assets: ReadonlyMap<string, ConsoleFile>,
  ) {}

  static load(dir: string = join(packageRoot(), 'dist', 'web')): ConsoleFiles {
    const indexPath = join(dir, 'index.html');
    const assets = new Map<string, ConsoleFile>();
    const assetDir = join(dir, 'assets');
    if (existsSync(assetDir)) {
      for (const name of readdirSync(assetDir)) {
        const type = CONTENT_TYPES[extname(name)];
        if (type) assets.set(name, { body: readFileSync(join(assetDir, name)), contentType: type });
      }
    }
    return new ConsoleFiles(existsSync(indexPath) ? readFileSync(indexPath) : undefined, assets);
  }

  asset(name: string): ConsoleFile | undefined {
    return this.assets.get(name);
  }
}

/** Paths the console never answers for, so an unknown API path still gets the API's JSON 404. */
const API_PREFIXES = ['/v1', '/docs', '/taxii2', '/metrics', '/healthz', '/openapi.json', '/assets'];

/** Whether a GET that matched no route is a page of the console (a client-side route) rather than a missing API path. */
export function isConsolePath(path: string, accept: string | undefined): boolean {
  if (API_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`))) return false;
  return (accept ?? '').includes('text/html');
}

/** The scripts and stylesheets index.html loads first (code-split pages load later): the initial bundle. */
export function initialAssets(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
}
