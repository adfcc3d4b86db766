import { fail, ok, type Result } from '../errors/result.js';
import type { ErrorCode } from '../errors/error-catalogue.js';
import { parseLabel, type Label } from '../taxonomy/labels.js';
import type { SignalRegistry } from './signal-registry.js';

/** One validated entry of a signal list. */
export interface SignalListEntry {
  readonly line: number;
  readonly type: string;
  readonly value: string;
  readonly label?: Label;
}

export interface SignalListError {
  readonly line: number;
  readonly code: ErrorCode;
  readonly message: string;
}

export interface ParsedSignalList {
  readonly entries: SignalListEntry[];
  readonly errors: SignalListError[];
}

/**
 * Parses a signal list: one `type,value[,label]` per line, or JSON lines
 * `{"type": "pdq", "value": "…", "label": "…"}`. Blank lines and `#` comments are skipped.
 * Every line is validated; errors carry their 1-based line number.
 *
 * @example
 *   parseSignalList(registry, 'pdq,f8f8…,perpetrator_content\nmd5,zz');
 *   // { entries: [{ line: 1, … }], errors: [{ line: 2, code: 'SIGNAL_VALUE_INVALID', … }] }
 */
export function parseSignalList(registry: SignalRegistry, text: string): ParsedSignalList {
  const entries: SignalListEntry[] = [];
  const errors: SignalListError[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const parsed = parseLine(registry, raw);
    if (parsed.ok) entries.push({ line: i + 1, ...parsed.value });
    else errors.push({ line: i + 1, code: parsed.code, message: parsed.message });
  }
  return { entries, errors };
}

function parseLine(registry: SignalRegistry, raw: string): Result<Omit<SignalListEntry, 'line'>> {
  const fields = raw.startsWith('{') ? jsonFields(raw) : csvFields(raw);
  if (!fields.ok) return fields;
  const { type, value, label } = fields.value;
  const valid = registry.validate(type, value);
  if (!valid.ok) return valid;
  if (label === undefined || label === '') return ok({ type: valid.value.type.name, value: valid.value.value });
  const parsedLabel = parseLabel(label);
  if (!parsedLabel.ok) return parsedLabel;
  return ok({ type: valid.value.type.name, value: valid.value.value, label: parsedLabel.value });
}

type Fields = { type: string; value: string; label?: string };

function csvFields(raw: string): Result<Fields> {
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.length < 2 || parts.length > 3) {
    return fail('SIGNAL_LIST_LINE_INVALID', `expected "type,value[,label]", got ${parts.length} field(s)`);
  }
  return ok({ type: parts[0]!, value: parts[1]!, label: parts[2] });
}

function jsonFields(raw: string): Result<Fields> {
  let obj: unknown;
  try {
    obj = JSON.parse(raw);
  } catch {
    return fail('SIGNAL_LIST_LINE_INVALID', 'line starts with "{" but is not valid JSON');
  }
  const rec = obj as Record<string, unknown>;
  if (typeof rec.type !== 'string' || typeof rec.value !== 'string') {
    return fail('SIGNAL_LIST_LINE_INVALID', 'JSON line needs string fields "type" and "value"');
  }
  if (rec.label !== undefined && typeof rec.label !== 'string') {
    return fail('SIGNAL_LIST_LINE_INVALID', 'JSON field "label" must be a string');
  }
  return ok({ type: rec.type, value: rec.value, label: rec.label as string | undefined });
}
