const decoder = new TextDecoder('utf-8', { fatal: true });
/** Look at this much of a file to decide whether it is text. */
const SAMPLE_BYTES = 64 * 1024;

/**
 * True when the bytes are UTF-8 text: they decode strictly (a multi-byte character cut
 * at the sample's end is allowed) and hold no NUL and few control characters other than
 * white space. Binary formats are recognised by their magic bytes before this runs.
 */
export function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  let sample = bytes.subarray(0, SAMPLE_BYTES);
  if (bytes.length > SAMPLE_BYTES) {
    // Step back over a character the sample cut in half.
    let end = sample.length;
    while (end > sample.length - 4 && (sample[end - 1]! & 0xc0) === 0x80) end--;
    if (end > 0 && sample[end - 1]! >= 0xc0) end--;
    sample = sample.subarray(0, end);
  }
  let text: string;
  try {
    text = decoder.decode(sample);
  } catch {
    return false;
  }
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return false;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) control++;
  }
  return control <= text.length / 100;
}
