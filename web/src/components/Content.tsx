/**
 * Text that came from someone else (a reason, a bank name, a description, a value): shown
 * as inert text in its own direction. React escapes markup; `dir="auto"` lets Arabic or
 * Hebrew run right to left; <bdi> isolates it from the text around it; bidi control
 * characters are made visible (⟦U+202E⟧) so they can neither reorder the page nor hide
 * what they do; CSS wraps very long unbroken strings.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function visibleControls(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `⟦U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟧`);
}

export function Content({ text, className }: { text: string | null | undefined; className?: string }) {
  return (
    <bdi dir="auto" className={className ? `content ${className}` : 'content'}>
      {visibleControls(text ?? '')}
    </bdi>
  );
}
