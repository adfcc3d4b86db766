/**
 * Writes a small, valid PDF with one page per entry of `pages`, each text drawn in
 * Helvetica (WinAnsi, so Latin-1 text only) one line per `\n`. Lets tests make PDFs
 * without a tool or a committed binary. An empty string gives a page holding only a small
 * grey image, as a scan without a text layer would.
 *
 * @example
 *   writeFileSync('notes.pdf', tinyPdf(['first page', 'second page']));
 */
export function tinyPdf(pages: readonly string[]): Buffer {
  const objects: string[] = [];
  const add = (body: string): number => objects.push(body);
  const catalog = add('');
  const pageTree = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const image = add('<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\x40\x80\xc0\xff\nendstream');
  const kids = pages.map((text) => {
    const lines = text.split('\n').map((line) => `(${escape(line)}) Tj T*`).join(' ');
    const stream = text ? `BT /F1 12 Tf 14 TL 72 720 Td ${lines} ET` : 'q 200 0 0 200 100 400 cm /Im1 Do Q';
    const content = add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
    const resources = `<< /Font << /F1 ${font} 0 R >> /XObject << /Im1 ${image} 0 R >> >>`;
    return add(`<< /Type /Page /Parent ${pageTree} 0 R /MediaBox [0 0 612 792] /Resources ${resources} /Contents ${content} 0 R >>`);
  });
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pageTree} 0 R >>`;
  objects[pageTree - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;

  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = Buffer.byteLength(pdf, 'latin1');
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) pdf += `${String(at).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** A PDF literal string's specials: backslash and parentheses. */
const escape = (text: string): string => text.replace(/[\\()]/g, (c) => `\\${c}`);
