import type { HashListEntry, ListLine } from './te-list.js';
import { parseDeleted } from './te-list.js';

/**
 * ThreatExchange-style JSON, one object per line (JSON Lines), so a bad entry is reported
 * by line number and a large list streams:
 * `{"signal_type": "pdq", "signal_str": "…", "tags": ["perpetrator_content"], "deleted": false}`.
 * On reading, `signal_value` is accepted for `signal_str`, and tags may be one space-separated string.
 */
export function writeTeJson(entries: Iterable<HashListEntry>): string {
  let out = '';
  for (const e of entries) out += `${JSON.stringify({ signal_type: e.signal_type, signal_str: e.signal_str, tags: e.tags, deleted: e.deleted })}\n`;
  return out;
}

export function readTeJson(text: string): ListLine[] {
  const out: ListLine[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const line = i + 1;
    const bad = (message: string) => out.push({ line, code: 'SIGNAL_LIST_LINE_INVALID', message });
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch {
      bad('not valid JSON (one object per line)');
      continue;
    }
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
      bad('expected a JSON object');
      continue;
    }
    const rec = obj as Record<string, unknown>;
    const value = rec.signal_str ?? rec.signal_value;
    if (typeof rec.signal_type !== 'string' || typeof value !== 'string') {
      bad('needs string fields "signal_type" and "signal_str"');
      continue;
    }
    const tags = rec.tags === undefined ? [] : typeof rec.tags === 'string' ? rec.tags.split(/\s+/).filter(Boolean) : rec.tags;
    if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) {
      bad('"tags" must be a list of strings');
      continue;
    }
    const deleted = parseDeleted(rec.deleted);
    if (deleted === undefined) {
      bad('"deleted" must be true or false');
      continue;
    }
    out.push({ line, entry: { signal_type: rec.signal_type, signal_str: value, tags: tags as string[], deleted } });
  }
  return out;
}
