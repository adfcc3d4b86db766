import { assertIndexId, compareHits } from '../../index/index-ids.js';
import type { IndexHit, SignalIndex } from '../../index/signal-index.js';
import { isPrefixEntry, keySegments, pathKey } from './url-prefix.js';

interface TrieNode {
  readonly children: Map<string, TrieNode>;
  /** Exact URLs whose path key ends here, by full canonical value. */
  readonly exact: Map<string, Set<number>>;
  /** Prefix entries whose base path ends here. */
  readonly prefixes: Set<number>;
}

const node = (): TrieNode => ({ children: new Map(), exact: new Map(), prefixes: new Set() });

/**
 * The `url` index: a trie over origin and path segments. Looking up a URL walks its
 * path once: the exact value at the end is distance 0, prefix entries on the way
 * (and at the end) cover it at distance 1. A prefix-entry query also collects what
 * lies below it, at distance 1. Agrees with url-prefix.ts's `urlDistance`.
 *
 * @example
 *   const index = new UrlIndex();
 *   index.add(1, 'https://example.com/forum/*');
 *   index.add(2, 'https://example.com/forum/7?page=2');
 *   index.search('https://example.com/forum/7?page=2', 1);   // [{ id: 2, distance: 0 }, { id: 1, distance: 1 }]
 */
export class UrlIndex implements SignalIndex {
  private readonly root = node();
  private readonly values = new Map<number, string>();

  get size(): number {
    return this.values.size;
  }

  add(id: number, value: string): void {
    assertIndexId(id);
    this.remove(id);
    this.values.set(id, value);
    let at = this.root;
    for (const segment of keySegments(pathKey(value))) {
      let next = at.children.get(segment);
      if (!next) at.children.set(segment, (next = node()));
      at = next;
    }
    if (isPrefixEntry(value)) at.prefixes.add(id);
    else {
      let ids = at.exact.get(value);
      if (!ids) at.exact.set(value, (ids = new Set()));
      ids.add(id);
    }
  }

  remove(id: number): boolean {
    const value = this.values.get(id);
    if (value === undefined) return false;
    this.values.delete(id);
    const path = [this.root];
    const segments = keySegments(pathKey(value));
    for (const segment of segments) path.push(path[path.length - 1]!.children.get(segment)!);
    const end = path[path.length - 1]!;
    if (isPrefixEntry(value)) end.prefixes.delete(id);
    else {
      const ids = end.exact.get(value)!;
      ids.delete(id);
      if (ids.size === 0) end.exact.delete(value);
    }
    // Prune nodes left empty, from the leaf up.
    for (let i = segments.length; i > 0; i--) {
      const n = path[i]!;
      if (n.children.size > 0 || n.exact.size > 0 || n.prefixes.size > 0) break;
      path[i - 1]!.children.delete(segments[i - 1]!);
    }
    return true;
  }

  search(value: string, maxDistance: number): IndexHit[] {
    if (maxDistance < 0) return [];
    const hits: IndexHit[] = [];
    const push = (ids: Iterable<number>, distance: number) => {
      if (distance <= maxDistance) for (const id of ids) hits.push({ id, distance });
    };
    const prefixQuery = isPrefixEntry(value);
    let at: TrieNode | undefined = this.root;
    for (const segment of keySegments(pathKey(value))) {
      push(at.prefixes, 1);
      at = at.children.get(segment);
      if (!at) return hits.sort(compareHits);
    }
    if (prefixQuery) {
      push(at.prefixes, 0);
      if (maxDistance >= 1) collectBelow(at, hits);
    } else {
      push(at.exact.get(value) ?? [], 0);
      push(at.prefixes, 1);
    }
    return hits.sort(compareHits);
  }

  /** Values plus about 150 bytes of maps and sets for each entry. */
  memoryBytes(): number {
    let bytes = 0;
    for (const value of this.values.values()) bytes += 2 * value.length + 150;
    return bytes;
  }
}

/** Every exact URL at or below `at`, and every prefix entry strictly below it, at distance 1. */
function collectBelow(at: TrieNode, hits: IndexHit[]): void {
  for (const ids of at.exact.values()) for (const id of ids) hits.push({ id, distance: 1 });
  for (const child of at.children.values()) {
    for (const id of child.prefixes) hits.push({ id, distance: 1 });
    collectBelow(child, hits);
  }
}
