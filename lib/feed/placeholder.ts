import { murmur3 } from '@/lib/experiments/assignment';

/** The textures a poster may carry over its gradient. */
export const POSTER_PATTERNS = ['stripes', 'dots', 'rings', 'grid', 'glow', 'bands'] as const;
export type PosterPattern = (typeof POSTER_PATTERNS)[number];

export interface PosterArt {
  /** Base hue in degrees: the category's, nudged per item so neighbours in a grid differ. */
  hue: number;
  /** The gradient's second hue, a per-item step away from the base. */
  accentHue: number;
  angle: number;
  /** The gradient alone (avatars and thumbnails use it bare). */
  background: string;
  pattern: PosterPattern;
  /** Where rings and glows centre, in percent of the poster's width and height. */
  focus: { x: number; y: number };
  /** The pattern as CSS background layers, drawn over `background`. */
  texture: string;
  /** The first letter or digit of the title. */
  initial: string;
  /** The first letters of the title's first two words ("Midnight Harbour" → "MH"). */
  initials: string;
}

/** How far an item may stray from its category's hue: enough to tell cards apart, little enough to read as one family. */
const HUE_SPREAD = 36;
/** The accent hue sits this many degrees from the base, plus up to `ACCENT_SPREAD` more. */
const ACCENT_MIN = 24;
const ACCENT_SPREAD = 40;
/** Independent hash seeds, so hue, pattern and focus do not move together. */
const SEEDS = { shade: 7, pattern: 11, focus: 13 } as const;

/**
 * A poster made of CSS gradients instead of a network image, stable for an item across renders
 * and visits: a category keeps its colour family, each item its own shade, angle, texture and
 * initials, so a row of one category's items does not look like copies.
 */
export function posterArt(item: { id: string; title: string; category: string | null }): PosterArt {
  const categoryHue = murmur3(item.category ?? 'uncategorised') % 360;
  const shade = murmur3(item.id, SEEDS.shade);
  const hue = (categoryHue + (shade % (2 * HUE_SPREAD + 1)) - HUE_SPREAD + 360) % 360;
  const angle = 90 + ((shade >>> 8) % 180);
  const accentHue = (hue + ACCENT_MIN + ((shade >>> 20) % (ACCENT_SPREAD + 1))) % 360;
  const background = `linear-gradient(${angle}deg, hsl(${hue} 72% 58%), hsl(${accentHue} 64% 32%))`;
  const pattern = POSTER_PATTERNS[murmur3(item.id, SEEDS.pattern) % POSTER_PATTERNS.length]!;
  const focusHash = murmur3(item.id, SEEDS.focus);
  const focus = { x: 10 + (focusHash % 81), y: 10 + ((focusHash >>> 10) % 81) };
  const text = item.title || item.category || item.id;
  return { hue, accentHue, angle, background, pattern, focus, texture: textureOf(pattern, angle, focus, accentHue), initial: initialsOf(text, 1), initials: initialsOf(text, 2) };
}

const LIGHT = 'rgba(255, 255, 255, 0.13)';
const FAINT = 'rgba(255, 255, 255, 0.07)';

function textureOf(pattern: PosterPattern, angle: number, focus: { x: number; y: number }, accentHue: number): string {
  const at = `${focus.x}% ${focus.y}%`;
  switch (pattern) {
    case 'stripes':
      return `repeating-linear-gradient(${(angle + 90) % 360}deg, ${LIGHT} 0 6px, transparent 6px 20px)`;
    case 'dots':
      return `radial-gradient(circle, ${LIGHT} 0 2px, transparent 2.5px) ${at} / 18px 18px`;
    case 'rings':
      return `repeating-radial-gradient(circle at ${at}, ${LIGHT} 0 2px, transparent 2px 16px)`;
    case 'grid':
      return `linear-gradient(${FAINT} 0 1px, transparent 1px) 0 0 / 22px 22px, linear-gradient(90deg, ${FAINT} 0 1px, transparent 1px) 0 0 / 22px 22px`;
    case 'glow':
      return `radial-gradient(circle at ${at}, hsl(${accentHue} 90% 75% / 0.55), transparent 55%)`;
    case 'bands':
      return `linear-gradient(${(angle + 45) % 360}deg, transparent 0 ${focus.x / 2}%, ${LIGHT} ${focus.x / 2}% ${focus.x / 2 + 18}%, transparent ${focus.x / 2 + 18}%)`;
  }
}

/** Leading articles would make half the posters a T or an A. */
const ARTICLE = /^\W*(the|a|an)\s+(?=\S)/i;
const WORD_START = /[\p{L}\p{N}]/u;

function initialsOf(text: string, count: number): string {
  const words = text.replace(ARTICLE, '').split(/\s+/);
  const letters = words.map((word) => word.match(WORD_START)?.[0]).filter((letter): letter is string => letter !== undefined);
  return letters.length === 0 ? '?' : letters.slice(0, count).join('').toLocaleUpperCase('en-US');
}
