const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML element content and quoted attribute values (and for SVG, which
 * the report writes inline). Labels, contributor ids and reasons come from partners: a
 * hostile one with markup must print as text.
 *
 * @example
 *   escapeHtml('<b onclick="x">'); // '&lt;b onclick=&quot;x&quot;&gt;'
 */
export function escapeHtml(text: string): string {
  // Control characters other than tab and newline are not allowed in HTML text; drop them.
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
