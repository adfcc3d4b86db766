import sharp from 'sharp';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inPool, runFfmpeg } from './robustness-ffmpeg.js';
import { ORIGINAL, type MediaItem, type Transform } from './robustness-item.js';
import { musicGraph } from './robustness-music.js';
import { seededRandom } from './robustness-random.js';
import { sceneSvg, SCENES } from './robustness-scenes.js';

/** Size, rate and length of the generated originals; kept small so the bench fits in minutes. */
export const VIDEO = { width: 640, height: 360, fps: 25, seconds: 20 } as const;
const SIZE = `${VIDEO.width}x${VIDEO.height}`;
const FONT = 'DejaVu Sans';

/**
 * Picture sources: each moves, and they differ from each other in structure. `still`
 * sources pan across a generated photo-like scene (a news-footage stand-in); ffmpeg's
 * own fractal sources were left out as too slow to render on two cores.
 */
const PICTURES: readonly { name: string; graph: string; still?: true }[] = [
  { name: 'testsrc2', graph: `testsrc2=s=${SIZE}:r=${VIDEO.fps},noise=alls=4:allf=t` },
  {
    name: 'scene-pan',
    still: true,
    graph: `[0:v]loop=loop=-1:size=1:start=0,setpts=N/${VIDEO.fps}/TB,fps=${VIDEO.fps},crop=w=1100:h=619:x='(iw-ow)*(0.5+0.5*sin(t*0.3))':y='(ih-oh)*(0.5+0.5*sin(t*0.21))',scale=${SIZE}`,
  },
  { name: 'life', graph: `life=s=320x180:r=5:ratio=0.35:seed=7:mold=12:life_color=#40e0a0:death_color=#a03010:mold_color=#202060,scale=${SIZE}:flags=neighbor,fps=${VIDEO.fps}` },
  { name: 'cellauto', graph: `cellauto=s=320x180:r=12:rule=110:random_fill_ratio=0.5:random_seed=4:scroll=1,scale=${SIZE}:flags=neighbor,fps=${VIDEO.fps},colorchannelmixer=rr=0.9:gg=0.6:bb=0.3:rb=0.2` },
  {
    name: 'bars-motion',
    graph:
      `smptehdbars=s=${SIZE}:r=${VIDEO.fps}[bars];testsrc=s=200x150:r=${VIDEO.fps}[box];` +
      `[bars][box]overlay=x='(W-w)/2+(W-w)/2*sin(t*0.7)':y='(H-h)/2+(H-h)/2*cos(t*0.45)',noise=alls=4:allf=t`,
  },
  {
    name: 'gradients-title',
    graph: `gradients=s=${SIZE}:r=${VIDEO.fps}:speed=0.04:n=6:seed=11,drawtext=font=${FONT}:text='DISPATCH 7':fontsize=64:fontcolor=white:x='w-mod(t*90,w+tw)':y=h*0.4:borderw=3`,
  },
];

/** A 1600×900 photo-like still for the panning source. */
async function still(path: string, seed: number): Promise<string[]> {
  const scene = SCENES.find((s) => s.name === 'city')!;
  await sharp(Buffer.from(sceneSvg(scene.draw, 1600, 900, seededRandom(seed)))).removeAlpha().png().toFile(path);
  return ['-i', path];
}

const h264 = (crf: number, preset = 'ultrafast') => ['-c:v', 'libx264', '-preset', preset, '-crf', String(crf), '-pix_fmt', 'yuv420p', '-threads', '1'];
// ffmpeg's default AAC coder (twoloop) costs as much as the video encode here; `fast` keeps the bench within minutes.
const aac = (kbps: number) => ['-c:a', 'aac', '-aac_coder', 'fast', '-b:a', `${kbps}k`, '-ar', '44100'];

/** `count` h264/AAC MP4s of VIDEO's size and length, each with its own music-like soundtrack. */
export async function videoOriginals(ffmpeg: string, dir: string, count: number): Promise<MediaItem[]> {
  const tasks = PICTURES.slice(0, count).map((picture, i) => async (): Promise<MediaItem> => {
    const path = videoOriginalPath(dir, i);
    const inputs = picture.still ? await still(join(dir, `still-${i + 1}.png`), 500 + i) : [];
    const graph = `${picture.graph},format=yuv420p[v];${musicGraph(100 + i, 'a')}`;
    await runFfmpeg(ffmpeg, [...inputs, '-filter_complex', graph, '-map', '[v]', '-map', '[a]', '-t', String(VIDEO.seconds), ...h264(23, 'veryfast'), ...aac(128), '-movflags', '+faststart', '-y', path]);
    return { kind: 'video', original: `${i + 1}-${picture.name}`, transform: ORIGINAL, bytes: readFileSync(path) };
  });
  return inPool(tasks, 2);
}

/** A transform given as ffmpeg arguments between the input and the output file. */
function ffmpegTransform(name: string, description: string, args: (input: string) => string[]): VideoTransform {
  return { name, description, args };
}

export interface VideoTransform extends Omit<Transform<string>, 'apply'> {
  /** ffmpeg arguments from the input path to just before the output path. */
  args(input: string): string[];
}

const reencodeAudio = aac(96);
const UI =
  `color=c=0x1b1f27:s=960x540:r=${VIDEO.fps},drawbox=x=0:y=0:w=iw:h=40:color=0x30384a:t=fill,drawbox=x=0:y=40:w=170:h=ih:color=0x262b36:t=fill,` +
  `drawbox=x=740:y=60:w=200:h=460:color=0x262b36:t=fill,drawtext=font=${FONT}:text='Screen Recorder':x=16:y=12:fontsize=18:fontcolor=white`;

/** The video transformations, each an ffmpeg run from the original file. */
export const VIDEO_TRANSFORMS: readonly VideoTransform[] = [
  ffmpegTransform('re-encode CRF 34', 'h264 CRF 34, preset faster (originals: CRF 23, veryfast), AAC 96k', (i) => ['-i', i, ...h264(34, 'faster'), ...reencodeAudio]),
  ffmpegTransform('480p', 'scaled to 854×480 (from 640×360)', (i) => ['-i', i, '-vf', 'scale=854:480', ...h264(23), ...reencodeAudio]),
  ffmpegTransform('crop', 'centre crop keeping 80% of width and height', (i) => ['-i', i, '-vf', 'crop=iw*0.8:ih*0.8', ...h264(23), ...reencodeAudio]),
  ffmpegTransform('mirror', 'left-right flip', (i) => ['-i', i, '-vf', 'hflip', ...h264(23), ...reencodeAudio]),
  ffmpegTransform('watermark', 'semi-transparent logo box and channel name', (i) => [
    '-i', i, '-vf',
    `drawbox=x=12:y=12:w=70:h=70:color=red@0.6:t=fill,drawbox=x=iw-230:y=ih-56:w=218:h=40:color=black@0.5:t=fill,drawtext=font=${FONT}:text='@news_channel':x=w-222:y=h-48:fontsize=24:fontcolor=white@0.85`,
    ...h264(23), ...reencodeAudio,
  ]),
  ffmpegTransform('trim 10 s', 'the 10 s from 5 s to 15 s', (i) => ['-ss', '5', '-i', i, '-t', '10', ...h264(23), ...reencodeAudio]),
  ffmpegTransform('speed 1.25×', 'setpts=PTS/1.25 and atempo=1.25', (i) => ['-i', i, '-filter_complex', '[0:v]setpts=PTS/1.25[v];[0:a]atempo=1.25[a]', '-map', '[v]', '-map', '[a]', ...h264(23), ...reencodeAudio]),
  ffmpegTransform('screen recording', 'scaled to 560×315 inside a 960×540 app window, temporal noise, re-encoded', (i) => [
    '-i', i, '-filter_complex',
    `${UI}[ui];[0:v]scale=560:315[small];[ui][small]overlay=x=175:y=110:shortest=1,noise=alls=10:allf=t+u[v]`,
    '-map', '[v]', '-map', '0:a', ...h264(26), ...reencodeAudio,
  ]),
];

/** Every transform of every original, two ffmpeg runs at a time. */
export async function videoVariants(ffmpeg: string, dir: string, originals: readonly MediaItem[], paths: readonly string[]): Promise<MediaItem[]> {
  const tasks = originals.flatMap((original, i) =>
    VIDEO_TRANSFORMS.map((t, k) => async (): Promise<MediaItem> => {
      const out = join(dir, `video-${i + 1}-t${k}.mp4`);
      await runFfmpeg(ffmpeg, [...t.args(paths[i]!), '-movflags', '+faststart', '-y', out]);
      return { kind: 'video', original: original.original, transform: t.name, bytes: readFileSync(out) };
    }),
  );
  return inPool(tasks, 2);
}

/** Where videoOriginals wrote original `i` (0-based). */
export const videoOriginalPath = (dir: string, i: number): string => join(dir, `video-${i + 1}.mp4`);
