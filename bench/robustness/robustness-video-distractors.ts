import sharp from 'sharp';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inPool, runFfmpeg } from './robustness-ffmpeg.js';
import { ORIGINAL, type MediaItem } from './robustness-item.js';
import { musicGraph } from './robustness-music.js';
import type { PackagedImage } from './robustness-photos.js';
import { VIDEO } from './robustness-videos.js';

/** Photographs per distractor video and seconds each is shown. */
const PER_VIDEO = 3;
const SECONDS_EACH = 4;

/**
 * Unrelated videos for the impostor pairs: slideshows of packaged photographs and
 * wallpapers (three a video, each panned across for 4 s, at the originals' size and rate)
 * with a music-like soundtrack of their own. Real pictures are where frame hashes of
 * unrelated videos come nearest (skies, water, dark scenes), which generated test
 * patterns do not show. Compared, never transformed.
 */
export async function videoDistractors(ffmpeg: string, dir: string, images: readonly PackagedImage[], count: number): Promise<MediaItem[]> {
  const usable = Math.min(count, Math.floor(images.length / PER_VIDEO));
  const tasks = Array.from({ length: usable }, (_, i) => async (): Promise<MediaItem> => {
    const chosen = images.slice(i * PER_VIDEO, (i + 1) * PER_VIDEO);
    const inputs: string[] = [];
    for (const [k, image] of chosen.entries()) {
      // A 1280×720 still first: ffmpeg then loops a small frame instead of decoding a large photograph 100 times.
      const still = join(dir, `distractor-${i}-${k}.png`);
      await sharp(image.path).resize(1280, 720, { fit: 'cover' }).removeAlpha().png({ compressionLevel: 1 }).toFile(still);
      inputs.push('-i', still);
    }
    const frames = SECONDS_EACH * VIDEO.fps;
    const pans = chosen.map((_, k) => {
      // Each photo panned its own way: left to right, right to left, or a slow zoom out.
      const x = ["(iw-ow)*n/" + frames, "(iw-ow)*(1-n/" + frames + ")", '(iw-ow)/2'][k % 3];
      return `[${k}:v]loop=loop=${frames - 1}:size=1:start=0,setpts=N/${VIDEO.fps}/TB,crop=w=960:h=540:x='${x}':y='(ih-oh)/2',scale=${VIDEO.width}x${VIDEO.height},setsar=1[p${k}]`;
    });
    const graph = `${pans.join(';')};${chosen.map((_, k) => `[p${k}]`).join('')}concat=n=${chosen.length}:v=1:a=0,format=yuv420p[v];${musicGraph(300 + i, 'a')}`;
    const out = join(dir, `distractor-${i}.mp4`);
    await runFfmpeg(ffmpeg, [...inputs, '-filter_complex', graph, '-map', '[v]', '-map', '[a]', '-t', String(PER_VIDEO * SECONDS_EACH), '-r', String(VIDEO.fps),
      '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '23', '-pix_fmt', 'yuv420p', '-threads', '1', '-c:a', 'aac', '-aac_coder', 'fast', '-b:a', '96k', '-ar', '44100', '-movflags', '+faststart', '-y', out]);
    return { kind: 'video', original: `distractor-${i + 1} (${chosen.map((c) => c.name).join(', ')})`, transform: ORIGINAL, bytes: readFileSync(out) };
  });
  return inPool(tasks, 2);
}
