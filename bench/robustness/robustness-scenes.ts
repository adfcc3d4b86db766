import { between, pick } from './robustness-random.js';

/** Draws one kind of picture as SVG at w×h from a seeded generator. */
type Scene = (w: number, h: number, rng: () => number) => string;

const hsl = (rng: () => number, s = 60, l = 50) => `hsl(${between(rng, 0, 359)},${between(rng, s - 20, s + 20)}%,${between(rng, l - 15, l + 15)}%)`;
const gradient = (id: string, a: string, b: string, vertical = true) =>
  `<linearGradient id="${id}" x1="0" y1="0" x2="${vertical ? 0 : 1}" y2="${vertical ? 1 : 0}"><stop offset="0" stop-color="${a}"/><stop offset="1" stop-color="${b}"/></linearGradient>`;
const WORDS = ['CALL', 'UNITY', 'MARCH', 'NEWS', 'DAWN', 'VOICE', 'RISE', 'FRONT', 'SIGNAL', 'NORTH', 'RIVER', 'STONE'];

/** A mountain ridge from x=0 to x=w around height `y`, closed at the bottom. */
function ridge(w: number, h: number, y: number, jag: number, rng: () => number): string {
  const points = [`0,${h}`];
  for (let x = 0; x <= w; x += w / between(rng, 5, 14)) points.push(`${x.toFixed(0)},${(y + (rng() - 0.5) * jag).toFixed(0)}`);
  points.push(`${w},${h}`);
  return points.join(' ');
}

const landscape: Scene = (w, h, rng) => {
  const horizon = h * (0.45 + rng() * 0.2);
  let svg = `<defs>${gradient('sky', hsl(rng, 60, 70), hsl(rng, 50, 40))}${gradient('lake', hsl(rng, 50, 35), hsl(rng, 40, 15))}</defs>`;
  svg += `<rect width="${w}" height="${h}" fill="url(#sky)"/><circle cx="${w * rng()}" cy="${horizon * rng() * 0.7}" r="${h * (0.05 + rng() * 0.1)}" fill="${hsl(rng, 80, 80)}"/>`;
  for (let layer = 0; layer < 3; layer++) svg += `<polygon points="${ridge(w, h, horizon - h * 0.25 + layer * h * 0.1, h * 0.3, rng)}" fill="${hsl(rng, 30, 20 + layer * 10)}"/>`;
  svg += `<rect y="${horizon + h * 0.15}" width="${w}" height="${h}" fill="url(#lake)"/>`;
  for (let i = between(rng, 5, 25); i > 0; i--) {
    const x = w * rng(), y = horizon + h * (0.1 + rng() * 0.4), s = h * (0.04 + rng() * 0.12);
    svg += `<polygon points="${x},${y - s} ${x - s / 3},${y} ${x + s / 3},${y}" fill="${hsl(rng, 50, 20)}"/>`;
  }
  return svg;
};

const city: Scene = (w, h, rng) => {
  let svg = `<defs>${gradient('night', hsl(rng, 50, 12), hsl(rng, 60, 35))}</defs><rect width="${w}" height="${h}" fill="url(#night)"/>`;
  svg += `<circle cx="${w * rng()}" cy="${h * 0.15}" r="${h * 0.06}" fill="#eeeedd"/>`;
  for (let x = 0; x < w; ) {
    const bw = w * (0.05 + rng() * 0.1), top = h * (0.2 + rng() * 0.5);
    svg += `<rect x="${x}" y="${top}" width="${bw}" height="${h - top}" fill="${hsl(rng, 15, 18)}"/>`;
    for (let y = top + 8; y < h - 12; y += 18) for (let wx = x + 5; wx < x + bw - 8; wx += 14) if (rng() < 0.4) svg += `<rect x="${wx}" y="${y}" width="7" height="9" fill="${hsl(rng, 90, 70)}"/>`;
    x += bw + rng() * 10;
  }
  return svg;
};

const portrait: Scene = (w, h, rng) => {
  const cx = w * (0.35 + rng() * 0.3), cy = h * 0.42, r = Math.min(w, h) * 0.2;
  let svg = `<defs>${gradient('bg', hsl(rng, 30, 60), hsl(rng, 30, 30), false)}</defs><rect width="${w}" height="${h}" fill="url(#bg)"/>`;
  for (let i = 0; i < 6; i++) svg += `<circle cx="${w * rng()}" cy="${h * rng()}" r="${h * (0.1 + rng() * 0.2)}" fill="${hsl(rng)}" opacity="0.35"/>`;
  svg += `<path d="M${cx - r * 1.8},${h} Q${cx},${cy + r * 0.6} ${cx + r * 1.8},${h} Z" fill="${hsl(rng, 40, 30)}"/>`;
  svg += `<ellipse cx="${cx}" cy="${cy}" rx="${r * 0.75}" ry="${r}" fill="${hsl(rng, 40, 65)}"/><path d="M${cx - r * 0.8},${cy - r * 0.3} Q${cx},${cy - r * 1.5} ${cx + r * 0.8},${cy - r * 0.3}" fill="${hsl(rng, 30, 15)}"/>`;
  for (const dx of [-0.3, 0.3]) svg += `<ellipse cx="${cx + dx * r}" cy="${cy - r * 0.05}" rx="${r * 0.12}" ry="${r * 0.07}" fill="#222"/>`;
  return svg + `<path d="M${cx - r * 0.25},${cy + r * 0.45} Q${cx},${cy + r * 0.6} ${cx + r * 0.25},${cy + r * 0.45}" stroke="#633" stroke-width="${r * 0.05}" fill="none"/>`;
};

const poster: Scene = (w, h, rng) => {
  const n = between(rng, 2, 5);
  let svg = '';
  for (let i = 0; i < n; i++) svg += `<rect y="${(h * i) / n}" width="${w}" height="${h / n + 1}" fill="${hsl(rng)}"/>`;
  const cx = w * (0.3 + rng() * 0.4), cy = h * (0.3 + rng() * 0.3), r = h * 0.18;
  const star = Array.from({ length: 10 }, (_, k) => {
    const a = (Math.PI * k) / 5 - Math.PI / 2, rr = k % 2 ? r * 0.45 : r;
    return `${(cx + rr * Math.cos(a)).toFixed(0)},${(cy + rr * Math.sin(a)).toFixed(0)}`;
  });
  svg += `<circle cx="${cx}" cy="${cy}" r="${r * 1.2}" fill="${hsl(rng, 70, 25)}"/><polygon points="${star.join(' ')}" fill="${hsl(rng, 80, 75)}"/>`;
  const slogan = `${pick(rng, WORDS)} ${pick(rng, WORDS)}`;
  // DejaVu Sans Bold capitals are about 0.75 em wide: keep the slogan inside the width.
  const size = Math.min(h * 0.12, (w * 0.9) / (slogan.length * 0.75));
  return svg + `<text x="${w / 2}" y="${h * 0.88}" font-family="DejaVu Sans" font-weight="bold" font-size="${size.toFixed(0)}" text-anchor="middle" fill="${hsl(rng, 20, 90)}">${slogan}</text>`;
};

const abstract: Scene = (w, h, rng) => {
  let svg = `<rect width="${w}" height="${h}" fill="${hsl(rng, 30, 50)}"/>`;
  for (let i = between(rng, 20, 45); i > 0; i--) {
    svg += rng() < 0.5
      ? `<circle cx="${w * rng()}" cy="${h * rng()}" r="${h * (0.03 + rng() * 0.25)}" fill="${hsl(rng)}" opacity="${(0.4 + rng() * 0.6).toFixed(2)}"/>`
      : `<rect x="${w * rng() - w * 0.1}" y="${h * rng() - h * 0.1}" width="${w * rng() * 0.5}" height="${h * rng() * 0.5}" fill="${hsl(rng)}" opacity="${(0.4 + rng() * 0.6).toFixed(2)}" transform="rotate(${between(rng, -40, 40)} ${w / 2} ${h / 2})"/>`;
  }
  return svg;
};

const documentPage: Scene = (w, h, rng) => {
  let svg = `<rect width="${w}" height="${h}" fill="#f4f1ea"/><rect width="${w}" height="${h * 0.1}" fill="${hsl(rng, 50, 35)}"/>`;
  const title = `${pick(rng, WORDS)} ${pick(rng, WORDS)} ${pick(rng, WORDS)}`;
  const size = Math.min(h * 0.06, (w * 0.9) / (title.length * 0.8));
  svg += `<text x="${w * 0.05}" y="${h * 0.2}" font-family="DejaVu Serif" font-weight="bold" font-size="${size.toFixed(0)}" fill="#222">${title}</text>`;
  const imageLeft = rng() < 0.5;
  svg += `<rect x="${imageLeft ? w * 0.05 : w * 0.55}" y="${h * 0.27}" width="${w * 0.4}" height="${h * 0.35}" fill="${hsl(rng, 40, 45)}"/>`;
  for (let y = h * 0.28; y < h * 0.95; y += h * 0.035) {
    const x0 = y < h * 0.62 ? (imageLeft ? w * 0.5 : w * 0.05) : w * 0.05;
    svg += `<rect x="${x0}" y="${y}" width="${(y < h * 0.62 ? w * 0.4 : w * 0.9) * (0.6 + rng() * 0.4)}" height="${h * 0.014}" fill="#555"/>`;
  }
  return svg;
};

const crowd: Scene = (w, h, rng) => {
  let svg = `<defs>${gradient('street', hsl(rng, 20, 70), hsl(rng, 20, 35))}</defs><rect width="${w}" height="${h}" fill="url(#street)"/>`;
  svg += `<rect y="${h * 0.55}" width="${w}" height="${h}" fill="${hsl(rng, 10, 40)}"/>`;
  for (let i = between(rng, 30, 80); i > 0; i--) {
    const depth = rng(), s = h * (0.05 + depth * 0.15), x = w * rng(), y = h * (0.45 + depth * 0.45);
    svg += `<rect x="${x - s * 0.25}" y="${y - s}" width="${s * 0.5}" height="${s}" rx="${s * 0.15}" fill="${hsl(rng, 50, 40)}"/><circle cx="${x}" cy="${y - s * 1.2}" r="${s * 0.2}" fill="${hsl(rng, 40, 60)}"/>`;
  }
  return svg;
};

const interior: Scene = (w, h, rng) => {
  const vx = w * (0.3 + rng() * 0.4), vy = h * (0.35 + rng() * 0.2);
  let svg = `<rect width="${w}" height="${h}" fill="${hsl(rng, 20, 60)}"/>`;
  svg += `<polygon points="0,${h} ${w},${h} ${vx + w * 0.2},${vy + h * 0.15} ${vx - w * 0.2},${vy + h * 0.15}" fill="${hsl(rng, 30, 35)}"/>`;
  svg += `<polygon points="0,0 ${vx - w * 0.2},${vy - h * 0.25} ${vx - w * 0.2},${vy + h * 0.15} 0,${h}" fill="${hsl(rng, 20, 45)}"/>`;
  svg += `<rect x="${vx - w * 0.12}" y="${vy - h * 0.18}" width="${w * 0.14}" height="${h * 0.2}" fill="${hsl(rng, 60, 80)}" stroke="#333" stroke-width="6"/>`;
  for (let i = between(rng, 2, 5); i > 0; i--) svg += `<rect x="${w * rng() * 0.8}" y="${h * (0.55 + rng() * 0.25)}" width="${w * (0.08 + rng() * 0.15)}" height="${h * (0.1 + rng() * 0.2)}" fill="${hsl(rng, 40, 30)}"/>`;
  return svg;
};

/** Scene kinds in the order originals cycle through them: structurally unlike each other. */
export const SCENES: readonly { name: string; draw: Scene }[] = [
  { name: 'landscape', draw: landscape },
  { name: 'city', draw: city },
  { name: 'portrait', draw: portrait },
  { name: 'poster', draw: poster },
  { name: 'abstract', draw: abstract },
  { name: 'document', draw: documentPage },
  { name: 'crowd', draw: crowd },
  { name: 'interior', draw: interior },
];

/** A complete SVG document for a scene. */
export const sceneSvg = (scene: Scene, w: number, h: number, rng: () => number): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${scene(w, h, rng)}</svg>`;
