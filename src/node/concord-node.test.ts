import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseNodeConfig } from '../config/node-config.js';
import { waitFor } from '../testing/federation-nodes.js';
import { SKIP_NO_FFMPEG } from '../testing/test-ffmpeg.js';
import { createNode } from './concord-node.js';

/** Process ids of this process's children running `name` (Linux /proc). */
function children(name: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces, so split after its closing parenthesis.
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (comm === name && ppid === process.pid) found.push(Number(entry));
    } catch {
      // the process ended while being read
    }
  }
  return found;
}

test('a listening node starts its ffmpeg ahead of the first upload, and closing the node stops it', { skip: SKIP_NO_FFMPEG || process.platform !== 'linux' }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-node-'));
  const node = await createNode(parseNodeConfig({ dataDir, port: 0, logLevel: 'silent' }), { logger: false, sync: false });
  try {
    assert.deepEqual(children('ffmpeg'), [], 'nothing is started before the node listens');
    await node.listen();
    await waitFor('one ffmpeg waiting for the first audio file', async () => children('ffmpeg').length === 1);
  } finally {
    await node.close();
  }
  await waitFor('closing the node to stop the waiting ffmpeg', async () => children('ffmpeg').length === 0);
  rmSync(dataDir, { recursive: true, force: true });
});
