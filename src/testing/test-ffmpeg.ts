import { locateFfmpeg } from '../media/ffmpeg/ffmpeg-locate.js';

/** The ffmpeg the tests use (CONCORD_FFMPEG, PATH, then the npm package), or undefined to skip. */
export const TEST_FFMPEG: string | undefined = (() => {
  try {
    return locateFfmpeg(process.env).path;
  } catch {
    return undefined;
  }
})();

export const SKIP_NO_FFMPEG = TEST_FFMPEG ? false : 'ffmpeg not found (apt-get install ffmpeg, or set CONCORD_FFMPEG)';
