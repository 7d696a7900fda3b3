import { describe, expect, it } from 'vitest';
import { posterArt } from './placeholder';

const item = (id: string, category: string | null, title = 'Midnight Harbour') => ({ id, title, category });

describe('posterArt', () => {
  it('is the same for an item every time', () => {
    expect(posterArt(item('item-00042', 'Drama'))).toEqual(posterArt(item('item-00042', 'Drama')));
  });

  it('keeps a category in one colour family and varies the items in it', () => {
    const arts = ['item-00001', 'item-00002', 'item-00003', 'item-00004'].map((id) => posterArt(item(id, 'Drama')));
    const distance = (a: number, b: number) => Math.min(Math.abs(a - b), 360 - Math.abs(a - b));
    for (const art of arts) expect(distance(art.hue, arts[0]!.hue)).toBeLessThanOrEqual(72);
    expect(new Set(arts.map((art) => `${art.hue}/${art.angle}`)).size).toBeGreaterThan(1);
  });

  it('gives different categories different colours', () => {
    const hues = ['Drama', 'Comedy', 'Horror', 'Nature', 'Sports'].map((category) => posterArt(item('item-00001', category)).hue);
    expect(new Set(hues).size).toBeGreaterThan(3);
  });

  it('draws a CSS gradient with valid hues and angles', () => {
    const art = posterArt(item('item-00007', null));
    expect(art.hue).toBeGreaterThanOrEqual(0);
    expect(art.hue).toBeLessThan(360);
    expect(art.background).toMatch(/^linear-gradient\(\d+deg, hsl\(\d+ 72% 58%\), hsl\(\d+ 64% 32%\)\)$/);
  });

  it('shows the first letter or digit of the title', () => {
    expect(posterArt(item('a', 'Drama', 'quiet sea')).initial).toBe('Q');
    expect(posterArt(item('a', 'Drama', 'The Quiet Sea')).initial).toBe('Q');
    expect(posterArt(item('a', 'Drama', 'An Owl')).initial).toBe('O');
    expect(posterArt(item('a', 'Drama', 'Another Day')).initial).toBe('A');
    expect(posterArt(item('a', 'Drama', 'The')).initial).toBe('T');
    expect(posterArt(item('a', 'Drama', '  "1984" revisited')).initial).toBe('1');
    expect(posterArt(item('a', 'Drama', 'échos')).initial).toBe('É');
    expect(posterArt(item('a', 'Drama', '')).initial).toBe('D');
    expect(posterArt(item('a', null, '…')).initial).toBe('?');
  });
});
