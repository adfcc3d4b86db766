import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** A path to process, or one that could not be expanded. */
export type WalkItem = { path: string; missing?: false } | { path: string; missing: true };

/**
 * Expands files and folders (recursively, sorted, hidden entries skipped) into file paths,
 * keeping the order the user gave. A path that does not exist comes back marked missing,
 * so the caller reports it and goes on.
 */
export async function walkFiles(paths: readonly string[]): Promise<WalkItem[]> {
  const out: WalkItem[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      out.push({ path, missing: true });
      continue;
    }
    if (info.isDirectory()) out.push(...(await walkDirectory(path)));
    else out.push({ path });
  }
  return out;
}

async function walkDirectory(dir: string): Promise<WalkItem[]> {
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((d) => !d.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: WalkItem[] = [];
  for (const d of names) {
    const full = join(dir, d.name);
    if (d.isDirectory()) out.push(...(await walkDirectory(full)));
    else if (d.isFile()) out.push({ path: full });
  }
  return out;
}
