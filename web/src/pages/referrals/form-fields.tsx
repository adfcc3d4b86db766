import type { ReactNode } from 'react';

/** A labelled field: the label names the control (htmlFor), a hint is tied to it (aria-describedby). */
export function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
    </div>
  );
}

/** Lines of a textarea, trimmed, blanks dropped. */
export const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** A `datetime-local` value (the reader's zone) as an ISO time, or null when empty. */
export const isoFromLocal = (value: string): string | null => (value ? new Date(value).toISOString() : null);

/** A time (ms) as a `datetime-local` value in the reader's zone. */
export function localFromMs(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
