import cliProgress from 'cli-progress';

/** Below this many files a bar is noise. */
const MIN_FILES_FOR_BAR = 20;

export interface Progress {
  tick(): void;
  stop(): void;
}

/** A progress bar on stderr, only when stderr is a terminal and the batch is large. */
export function progressFor(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || total < MIN_FILES_FOR_BAR) return { tick() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { stream, format: 'hashing [{bar}] {value}/{total} files  {eta_formatted} left', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { tick: () => bar.increment(), stop: () => bar.stop() };
}
