import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { ConcordError } from '../../errors/concord-error.js';

/** Where an ffmpeg binary was found, and by which rule. */
export interface FfmpegLocation {
  readonly path: string;
  readonly source: 'CONCORD_FFMPEG' | 'PATH' | 'npm';
}

export interface LocateOptions {
  /** Platform and architecture, for the npm package name (defaults: this process's). */
  readonly platform?: string;
  readonly arch?: string;
  /** Set false to skip the npm package (tests of the not-found message). */
  readonly npmPackage?: boolean;
}

const INSTALL_HINT =
  'install it (Debian/Ubuntu: apt-get install ffmpeg; or npm install @ffmpeg-installer/linux-x64) or set CONCORD_FFMPEG=/path/to/ffmpeg';

/**
 * Finds ffmpeg: `CONCORD_FFMPEG` if set (it must then be an executable file), else
 * `ffmpeg` on `PATH`, else the binary shipped in `@ffmpeg-installer/<platform>-<arch>`.
 * Takes the environment as an argument; only the composition root reads `process.env`.
 *
 * @example
 *   const { path } = locateFfmpeg(process.env);   // '/usr/bin/ffmpeg', source 'PATH'
 *   const decoder = new FfmpegAudioDecoder({ ffmpeg: path });
 */
export function locateFfmpeg(env: Readonly<Record<string, string | undefined>>, options: LocateOptions = {}): FfmpegLocation {
  const exe = (options.platform ?? process.platform) === 'win32' ? 'ffmpeg.exe' : 'ffmpeg';
  const configured = env.CONCORD_FFMPEG?.trim();
  if (configured) {
    if (isExecutableFile(configured)) return { path: configured, source: 'CONCORD_FFMPEG' };
    throw new ConcordError('DECODER_MISSING', `CONCORD_FFMPEG is set to ${configured}, which is not an executable file`);
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, exe);
    if (isExecutableFile(candidate)) return { path: candidate, source: 'PATH' };
  }
  if (options.npmPackage !== false) {
    const found = npmBinary(`@ffmpeg-installer/${options.platform ?? process.platform}-${options.arch ?? process.arch}`, exe);
    if (found) return { path: found, source: 'npm' };
  }
  throw new ConcordError('DECODER_MISSING', `ffmpeg was not found on PATH; ${INSTALL_HINT}`);
}

function npmBinary(packageName: string, exe: string): string | undefined {
  try {
    const manifest = createRequire(import.meta.url).resolve(`${packageName}/package.json`);
    const candidate = join(dirname(manifest), exe);
    return isExecutableFile(candidate) ? candidate : undefined;
  } catch {
    return undefined;
  }
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The message for a binary that was located but could not be started. */
export const cannotStart = (path: string, code: string | undefined): string =>
  `ffmpeg at ${path} could not be started (${code ?? 'unknown error'}); ${INSTALL_HINT}`;
