import { murmur3 } from '@/lib/experiments/assignment';

export interface PosterArt {
  /** Base hue in degrees: the category's, nudged per item so neighbours in a grid differ. */
  hue: number;
  angle: number;
  background: string;
  /** The first letter or digit of the title, shown large on the poster. */
  initial: string;
}

/** How far an item may stray from its category's hue: enough to tell cards apart, little enough to read as one family. */
const HUE_SPREAD = 36;

/**
 * A poster made of a gradient instead of a network image, stable for an item across renders and
 * visits: a category keeps its colour family, each item its own shade and angle.
 */
export function posterArt(item: { id: string; title: string; category: string | null }): PosterArt {
  const categoryHue = murmur3(item.category ?? 'uncategorised') % 360;
  const itemHash = murmur3(item.id, 7);
  const hue = (categoryHue + (itemHash % (2 * HUE_SPREAD + 1)) - HUE_SPREAD + 360) % 360;
  const angle = 90 + ((itemHash >>> 8) % 180);
  const background = `linear-gradient(${angle}deg, hsl(${hue} 72% 58%), hsl(${(hue + 40) % 360} 64% 32%))`;
  return { hue, angle, background, initial: initialOf(item.title || item.category || item.id) };
}

/** Leading articles would make half the posters a T or an A. */
const ARTICLE = /^\W*(the|a|an)\s+(?=\S)/i;

function initialOf(text: string): string {
  const match = text.replace(ARTICLE, '').match(/[\p{L}\p{N}]/u);
  return match ? match[0].toLocaleUpperCase('en-US') : '?';
}
