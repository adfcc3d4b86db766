import type { ReactNode } from 'react';

/**
 * One choice among a few, as a labelled group of radio buttons: every console form that
 * picks a kind, an action, a source or a grouping uses it, so the group's markup (a
 * fieldset with its legend, each input inside its label) stays one accessible shape.
 * `children` follow the buttons inside the group (e.g. a hint about the chosen one).
 *
 * @example
 *   <RadioChoices legend={t('hash.source')} name="source" options={['file', 'text']} value={source}
 *     onChange={setSource} captionOf={(s) => t(`hash.${s}`)} />
 */
export function RadioChoices<T extends string>(props: {
  readonly legend: string;
  readonly name: string;
  readonly options: readonly T[];
  readonly value: T;
  readonly onChange: (value: T) => void;
  readonly captionOf: (option: T) => string;
  readonly children?: ReactNode;
}) {
  const { legend, name, options, value, onChange, captionOf, children } = props;
  return (
    <fieldset className="choices">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o}>
          <input type="radio" name={name} value={o} checked={value === o} onChange={() => onChange(o)} /> {captionOf(o)}
        </label>
      ))}
      {children}
    </fieldset>
  );
}
