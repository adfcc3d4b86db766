/** Reading ffmpeg's `-v info` stderr: the input's declared duration and the reason for a failure. */

const DURATION = /^\s*Duration:\s*(\d+):(\d{2}):(\d{2}(?:\.\d+)?)/;

/** Seconds from an input's `Duration: 01:02:03.45, …` line; undefined for other lines and `Duration: N/A`. */
export function parseDuration(line: string): number | undefined {
  const m = DURATION.exec(line);
  if (!m) return undefined;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/** `-map 0:a:0` finding nothing: the input has no audio stream. */
export const NO_AUDIO_STREAM = /Stream map '0:a:0' matches no streams|does not contain any stream/;

const ERRORISH = /error|invalid|could not|cannot|failed|not found|no such|partial file|unsupported|unknown|corrupt|truncated|missing/i;

/** The most telling line of a stderr tail, for a one-line message. */
export function failureLine(stderrTail: string): string {
  const lines = stderrTail
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const line = [...lines].reverse().find((l) => ERRORISH.test(l)) ?? lines.at(-1) ?? 'no message';
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

/** True when the tail reports a problem even though ffmpeg exited 0 (e.g. an unseekable MP4). */
export const reportsError = (stderrTail: string): boolean => /Invalid data found|partial file|Error while decoding|could not find codec/i.test(stderrTail);
