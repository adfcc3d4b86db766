/** A short, safe description of a rejected signal string for an error message. */
export function describeValue(raw: string, max = 60): string {
  const shown = raw.length > max ? `${raw.slice(0, max - 3)}...` : raw;
  return `${raw.length} characters ("${shown}")`;
}
