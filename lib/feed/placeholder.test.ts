import { describe, expect, it } from 'vitest';
import { POSTER_PATTERNS, posterArt } from './placeholder';

const item = (id: string, category: string | null, title = 'Midnight Harbour') => ({ id, title, category });
const ids = (count: number) => Array.from({ length: count }, (_, index) => `item-${String(index + 1).padStart(5, '0')}`);
/** Everything a poster draws but the initials: two items with the same look would differ only in letters. */
const look = (art: ReturnType<typeof posterArt>) => `${art.background} | ${art.texture}`;

describe('posterArt', () => {
  it('is the same for an item every time', () => {
    expect(posterArt(item('item-00042', 'Drama'))).toEqual(posterArt(item('item-00042', 'Drama')));
  });

  it('gives every item of one category its own look, whatever their titles', () => {
    const arts = ids(24).map((id) => posterArt(item(id, 'Drama')));
    expect(new Set(arts.map(look)).size).toBe(arts.length);
    expect(new Set(arts.map((art) => art.pattern)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(arts.map((art) => art.angle)).size).toBeGreaterThan(12);
  });

  it('keeps a category in one colour family', () => {
    const arts = ids(24).map((id) => posterArt(item(id, 'Drama')));
    const distance = (a: number, b: number) => Math.min(Math.abs(a - b), 360 - Math.abs(a - b));
    for (const art of arts) expect(distance(art.hue, arts[0]!.hue)).toBeLessThanOrEqual(72);
  });

  it('gives different categories different colours', () => {
    const hues = ['Drama', 'Comedy', 'Horror', 'Nature', 'Sports'].map((category) => posterArt(item('item-00001', category)).hue);
    expect(new Set(hues).size).toBeGreaterThan(3);
  });

  it('draws CSS gradients only: valid hues and angles, a known pattern, no url()', () => {
    for (const id of ids(40)) {
      const art = posterArt(item(id, null));
      expect(art.hue).toBeGreaterThanOrEqual(0);
      expect(art.hue).toBeLessThan(360);
      expect(art.background).toMatch(/^linear-gradient\(\d+deg, hsl\(\d+ 72% 58%\), hsl\(\d+ 64% 32%\)\)$/);
      expect(POSTER_PATTERNS).toContain(art.pattern);
      expect(art.texture).toMatch(/gradient\(/);
      expect(art.texture).not.toMatch(/url\(/);
      expect(art.focus.x).toBeGreaterThanOrEqual(10);
      expect(art.focus.y).toBeLessThanOrEqual(90);
    }
  });

  it('shows the initials of the title, skipping a leading article', () => {
    expect(posterArt(item('a', 'Drama', 'quiet sea')).initials).toBe('QS');
    expect(posterArt(item('a', 'Drama', 'The Quiet Sea')).initials).toBe('QS');
    expect(posterArt(item('a', 'Drama', 'An Owl')).initials).toBe('O');
    expect(posterArt(item('a', 'Drama', 'Another Day at Sea')).initials).toBe('AD');
    expect(posterArt(item('a', 'Drama', 'The')).initials).toBe('T');
    expect(posterArt(item('a', 'Drama', '  "1984" revisited')).initials).toBe('1R');
    expect(posterArt(item('a', 'Drama', 'échos du lac')).initials).toBe('ÉD');
    expect(posterArt(item('a', 'Drama', '')).initials).toBe('D');
    expect(posterArt(item('a', null, '…')).initials).toBe('?');
  });

  it('keeps the single initial for small marks', () => {
    expect(posterArt(item('a', 'Drama', 'The Quiet Sea')).initial).toBe('Q');
    expect(posterArt(item('a', 'Drama', '  "1984" revisited')).initial).toBe('1');
  });
});
