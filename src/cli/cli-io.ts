/** Where a command writes; injected so tests can capture output in-process. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  readonly stderrIsTty: boolean;
}

export const processIo: CliIo = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
  get stderrIsTty() {
    return process.stderr.isTTY === true;
  },
};
