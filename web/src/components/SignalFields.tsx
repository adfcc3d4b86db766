import { useTranslation } from 'react-i18next';
import type { Bank } from '../api/types';
import { DISTRIBUTIONS, LABELS } from '../domain/taxonomy';

/**
 * The fields a signal is described with wherever one is added or corrected (hash & submit,
 * a signal's actions, a variant candidate in review): a bank, a label from the closed
 * taxonomy, a distribution level and a reason. Each is a labelled control with a stable id.
 *
 * @example
 *   <LabelField id="submit-label" caption={t('signals.label')} value={label} onChange={setLabel} />
 */
interface FieldProps {
  readonly id: string;
  readonly caption: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
}

export function LabelField({ id, caption, value, onChange }: FieldProps) {
  const { t } = useTranslation();
  return (
    <div>
      <label htmlFor={id}>{caption}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {LABELS.map((l) => (
          <option key={l} value={l}>
            {t(`label.${l}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function DistributionField({ id, caption, value, onChange }: FieldProps) {
  const { t } = useTranslation();
  return (
    <div>
      <label htmlFor={id}>{caption}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {DISTRIBUTIONS.map((d) => (
          <option key={d} value={d}>
            {t(`distribution.${d}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Bank names are someone's text: an <option> shows text only, never markup. */
export function BankField({ id, caption, value, onChange, banks }: FieldProps & { readonly banks: readonly Bank[] }) {
  return (
    <div>
      <label htmlFor={id}>{caption}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} required>
        {banks.map((b) => (
          <option key={b.id} value={b.id}>
            {b.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A reason of at least 3 characters, in the writer's direction; `lines` > 1 for a text area. */
export function ReasonField({ id, caption, value, onChange, lines = 1 }: FieldProps & { readonly lines?: number }) {
  return (
    <>
      <label htmlFor={id}>{caption}</label>
      {lines > 1 ? (
        <textarea id={id} dir="auto" rows={lines} required minLength={3} value={value} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input id={id} type="text" dir="auto" required minLength={3} value={value} onChange={(e) => onChange(e.target.value)} />
      )}
    </>
  );
}
