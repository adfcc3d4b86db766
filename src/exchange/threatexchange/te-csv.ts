import type { HashListEntry, ListLine } from './te-list.js';
import { parseDeleted } from './te-list.js';

/**
 * ThreatExchange-style CSV: header `signal_type,signal_str,tags,deleted`, tags separated
 * by spaces, fields quoted (RFC 4180) when they hold a comma or a quote.
 *
 * @example
 *   writeTeCsv([{ signal_type: 'md5', signal_str: 'd41d…', tags: ['perpetrator_content'], deleted: false }]);
 *   // 'signal_type,signal_str,tags,deleted\nmd5,d41d…,perpetrator_content,false\n'
 */
export const TE_CSV_HEADER = ['signal_type', 'signal_str', 'tags', 'deleted'] as const;

const field = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function writeTeCsv(entries: Iterable<HashListEntry>): string {
  let out = `${TE_CSV_HEADER.join(',')}\n`;
  for (const e of entries) out += `${[e.signal_type, e.signal_str, e.tags.join(' '), String(e.deleted)].map(field).join(',')}\n`;
  return out;
}

/**
 * Reads the CSV line by line; a bad line is reported with its number and the others
 * still read. The header may say `signal_value` for `signal_str`; other columns (collab,
 * category, …) are ignored. Blank lines and `#` comments are skipped.
 */
export function readTeCsv(text: string): ListLine[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const out: ListLine[] = [];
  let columns: Map<string, number> | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    const line = i + 1;
    const fields = splitCsvLine(raw);
    if (!fields) {
      out.push({ line, code: 'SIGNAL_LIST_LINE_INVALID', message: 'unbalanced quotes (a field may not span lines)' });
      continue;
    }
    if (!columns) {
      columns = new Map(fields.map((f, j) => [f.trim().toLowerCase() === 'signal_value' ? 'signal_str' : f.trim().toLowerCase(), j]));
      if (!columns.has('signal_type') || !columns.has('signal_str')) {
        out.push({ line, code: 'SIGNAL_LIST_LINE_INVALID', message: `expected a header naming signal_type and signal_str, got "${raw.slice(0, 80)}"` });
        return out;
      }
      continue;
    }
    const get = (name: string) => (columns!.has(name) ? fields[columns!.get(name)!] : undefined);
    const type = get('signal_type');
    const value = get('signal_str');
    if (fields.length > columns.size || type === undefined || value === undefined) {
      out.push({ line, code: 'SIGNAL_LIST_LINE_INVALID', message: `expected ${columns.size} fields, got ${fields.length}` });
      continue;
    }
    const deleted = parseDeleted(get('deleted'));
    if (deleted === undefined) {
      out.push({ line, code: 'SIGNAL_LIST_LINE_INVALID', message: `deleted must be true or false, got "${get('deleted')}"` });
      continue;
    }
    out.push({ line, entry: { signal_type: type, signal_str: value, tags: (get('tags') ?? '').split(/\s+/).filter(Boolean), deleted } });
  }
  return out;
}

/** Splits one CSV line; undefined when a quoted field is left open. */
function splitCsvLine(line: string): string[] | undefined {
  const fields: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"' && cur === '') quoted = true;
    else if (c === ',') fields.push(cur), (cur = '');
    else cur += c;
  }
  if (quoted) return undefined;
  fields.push(cur);
  return fields;
}
