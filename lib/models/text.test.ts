import { describe, expect, it } from 'vitest';
import { normalizeLabel, tokenize } from './text';

describe('tokenize', () => {
  it('lowercases, splits on anything but letters and digits, and drops stop words', () => {
    expect(tokenize('The Return of the KING: a 2003 epic, part-3!')).toEqual(['return', 'king', '2003', 'epic', 'part']);
  });

  it('keeps accented and non-Latin words whole, whatever their unicode composition', () => {
    const decomposed = 'Cafe\u0301';
    expect(tokenize(`Amélie's ${decomposed} — naïve Кино 映画`)).toEqual(['amélies', 'café', 'naïve', 'кино', '映画']);
  });

  it('drops one-character fragments and keeps repeats for term frequency', () => {
    expect(tokenize('x y space space z')).toEqual(['space', 'space']);
  });
});

describe('normalizeLabel', () => {
  it('folds case and spacing so differently typed labels meet', () => {
    expect(normalizeLabel(' Sci Fi ')).toBe('sci-fi');
    expect(normalizeLabel('Sci-Fi')).toBe('sci-fi');
  });
});
