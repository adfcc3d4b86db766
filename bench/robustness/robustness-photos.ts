import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Real photographs from Debian wallpaper packages, nothing downloaded at run time:
 *   npm run bench:robustness:setup   (apt-get install mate-backgrounds plasma-workspace-wallpapers gnome-backgrounds ukui-wallpapers …)
 * The known originals are the photographs (not the drawn or rendered wallpapers); every
 * other packaged wallpaper is a source of unrelated distractor images.
 */
export const PHOTO_PACKAGES = ['mate-backgrounds', 'plasma-workspace-wallpapers', 'gnome-backgrounds', 'ukui-wallpapers'] as const;

const MATE = '/usr/share/backgrounds/mate';
const PLASMA = '/usr/share/wallpapers';
const SHARED = '/usr/share/backgrounds';

/** Plasma wallpapers that are photographs (looked at one by one); the rest are drawn. */
const PLASMA_PHOTOS = ['BytheWater', 'ColdRipple', 'ColorfulCups', 'DarkestHour', 'EveningGlow', 'FallenLeaf', 'Grey', 'Kite', 'OneStandsOut', 'Path', 'Volna', 'summer_1am'];

export interface PackagedImage {
  /** Short name: package folder and file. */
  readonly name: string;
  readonly path: string;
}

/** The photographs used as known originals, and the other wallpapers used as distractor sources. */
export function packagedImages(): { photos: PackagedImage[]; others: PackagedImage[] } {
  if (!existsSync(join(MATE, 'nature')) || !existsSync(PLASMA)) {
    throw new Error(`the image corpus needs packaged photographs (${PHOTO_PACKAGES.join(' ')}): npm run bench:robustness:setup`);
  }
  const photos: PackagedImage[] = [];
  const others: PackagedImage[] = [];
  for (const file of list(join(MATE, 'nature'))) photos.push({ name: `mate/${file}`, path: join(MATE, 'nature', file) });
  // The smallest of the three Elephants sizes; the others are the same picture.
  photos.push({ name: 'mate/Elephants.jpg', path: join(MATE, 'abstract', 'Elephants.jpg') });
  for (const theme of readdirSync(PLASMA).sort()) {
    const folder = join(PLASMA, theme, 'contents', 'images');
    if (!existsSync(folder)) continue;
    const file = pickSize(list(folder));
    if (!file) continue;
    (PLASMA_PHOTOS.includes(theme) ? photos : others).push({ name: `plasma/${theme}`, path: join(folder, file) });
  }
  for (const folder of ['abstract', 'desktop']) {
    for (const file of list(join(MATE, folder))) {
      // Dark/light and colour versions of one design are one source, not several.
      if (file.startsWith('Elephants') || /-(Dark|Cold|Radioactive|Warm)/.test(file)) continue;
      others.push({ name: `mate/${file}`, path: join(MATE, folder, file) });
    }
  }
  for (const file of list(join(SHARED, 'gnome'))) if (file.endsWith('-l.webp')) others.push({ name: `gnome/${file}`, path: join(SHARED, 'gnome', file) });
  for (const file of list(SHARED)) others.push({ name: `ukui/${file}`, path: join(SHARED, file) });
  return { photos, others };
}

function list(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).filter((f) => /\.(jpe?g|png|webp)$/i.test(f)).sort();
}

/** The size nearest 1920 wide of a wallpaper's `WxH.ext` files. */
function pickSize(files: readonly string[]): string | undefined {
  const width = (f: string) => Number(/^(\d+)x/.exec(f)?.[1] ?? 0);
  return [...files].sort((a, b) => Math.abs(width(a) - 1920) - Math.abs(width(b) - 1920))[0];
}
