import { describe, expect, it } from 'vitest';
import { generateWorld } from '@/lib/demo/world';
import { Random } from '@/lib/math/random';
import { exactSearch } from './ann';
import {
  contentScorer,
  embedItem,
  profileFromHistory,
  profileFromPreferences,
  similarByContent,
  symmetricEigen,
  trainContentModel,
  vectorAt,
} from './content';
import type { CatalogItem } from './data';

const WORDS = 'river night city storm garden letter winter machine island mirror journey secret empire harbor signal forest engine crown shadow voyage'.split(' ');
const COMMON_TAGS = ['classic', 'family', 'dark', 'epic', 'funny', 'slow-burn'];
const CATEGORIES = ['Drama', 'Comedy', 'Sci-Fi'];

/** Ordinary items: numbered titles, blurbs from one pool of everyday words, two common tags, one of three categories. */
function plainCatalogue(count: number, seed = 1): CatalogItem[] {
  const random = new Random(seed);
  return Array.from({ length: count }, (_, index) => ({
    title: `Title ${index}`,
    description: Array.from({ length: 12 }, () => random.pick(WORDS)).join(' '),
    category: CATEGORIES[index % CATEGORIES.length]!,
    tags: random.shuffle([...COMMON_TAGS]).slice(0, 2),
    publishedAt: null,
  }));
}

function demoCatalogue(items: number): CatalogItem[] {
  return generateWorld({ items, users: 1, events: 0 }).items.map(({ input }) => ({
    title: input.title,
    description: input.description,
    category: input.category,
    tags: input.tags,
    publishedAt: input.published_at?.getTime() ?? null,
  }));
}

function dot(a: Float32Array, b: Float32Array): number {
  return a.reduce((sum, value, d) => sum + value * b[d]!, 0);
}

describe('trainContentModel', () => {
  it.each([1, 2, 3, 4, 5])('makes items sharing a rare tag nearest neighbours, over shared categories, common tags and words (seed %i)', (seed) => {
    const items = plainCatalogue(48, seed);
    const pairs = [
      [0, 25],
      [7, 41],
      [13, 32],
    ] as const;
    pairs.forEach(([a, b], p) => {
      items[a]!.tags.push(`rare-${p}`);
      items[b]!.tags.push(`rare-${p}`);
    });
    const { model, vectors } = trainContentModel(items);
    for (const [a, b] of pairs) {
      expect(items[a]!.category).not.toBe(items[b]!.category);
      expect(similarByContent(model, vectors, a, 1).items[0]).toBe(b);
      expect(similarByContent(model, vectors, b, 1).items[0]).toBe(a);
    }
  });

  it('embeds a brand-new item with an existing item’s text to that item’s training vector', () => {
    const items = demoCatalogue(600);
    const { model, vectors } = trainContentModel(items);
    for (const index of [0, 17, 599]) {
      const copy: CatalogItem = { ...items[index]!, tags: [...items[index]!.tags] };
      expect(embedItem(model, copy)).toEqual(vectorAt(vectors, model.dims, index));
      expect(similarByContent(model, vectors, copy, 1).items[0]).toBe(index);
    }
  });

  it('ranks items of a preferred category first for a preference profile', () => {
    const items = demoCatalogue(1_500);
    const { model, vectors } = trainContentModel(items);
    const sciFi = items.filter((item) => item.category === 'Sci-Fi').length;
    expect(sciFi).toBeGreaterThan(50);
    const top = exactSearch(vectors, model.dims, profileFromPreferences(model, ['sci fi']), 50);
    expect([...top.items].every((item) => items[item]!.category === 'Sci-Fi')).toBe(true);
  });

  it('keeps its vocabulary to terms in enough items, capped, with tags and categories as whole tokens', () => {
    const items = plainCatalogue(30);
    items[0]!.tags.push('only-once');
    items[0]!.description += ' zeppelin';
    const { model } = trainContentModel(items, { minDocumentFrequency: 2 });
    expect(model.vocabulary).toContain('tag:slow-burn');
    expect(model.vocabulary).toContain('cat:sci-fi');
    expect(model.vocabulary).not.toContain('tag:only-once');
    expect(model.vocabulary).not.toContain('zeppelin');
    expect(model.idf.length).toBe(model.vocabulary.length);
    expect(model.projection.length).toBe(model.vocabulary.length * model.dims);
    expect(trainContentModel(items, { maxVocabulary: 5 }).model.vocabulary).toHaveLength(5);
  });

  it('loses nothing when the catalogue has fewer dimensions than the model, and its projection is orthonormal', () => {
    const { model, capturedEnergy } = trainContentModel(plainCatalogue(40), { dims: 64 });
    expect(capturedEnergy).toBeCloseTo(1, 5);
    const { dims, projection, vocabulary } = model;
    const column = (c: number) => Float32Array.from(vocabulary, (_, term) => projection[term * dims + c]!);
    const usedColumns = Array.from({ length: dims }, (_, c) => c).filter((c) => dot(column(c), column(c)) > 0);
    expect(usedColumns.length).toBeGreaterThan(10);
    for (const a of usedColumns.slice(0, 10)) {
      for (const b of usedColumns.slice(0, 10)) expect(dot(column(a), column(b))).toBeCloseTo(a === b ? 1 : 0, 4);
    }
  });

  it('is reproducible, and handles catalogues with no text or no shared terms', () => {
    const items = demoCatalogue(300);
    expect(trainContentModel(items).vectors).toEqual(trainContentModel(items).vectors);

    const bare = Array.from({ length: 5 }, (_, index): CatalogItem => ({ title: '', description: '', category: index < 3 ? 'A' : null, tags: [], publishedAt: null }));
    const { model, vectors } = trainContentModel(bare);
    expect(model.vocabulary).toEqual(['cat:a']);
    expect(dot(vectorAt(vectors, model.dims, 0), vectorAt(vectors, model.dims, 2))).toBeCloseTo(1, 6);
    expect([...vectorAt(vectors, model.dims, 4)].every((value) => value === 0)).toBe(true);
    expect(trainContentModel([]).vectors).toHaveLength(0);
  });
});

describe('profiles and scoring', () => {
  const items = plainCatalogue(60, 7);
  const { model, vectors } = trainContentModel(items);

  it('profiles a history as the strength-weighted mean of its item vectors, ignoring non-positive strengths', () => {
    const history = { items: Uint32Array.of(3, 9, 20), strengths: Float32Array.of(3, 1, -2) };
    const profile = profileFromHistory(model, vectors, history);
    const expected = new Float32Array(model.dims).map((_, d) => 3 * vectorAt(vectors, model.dims, 3)[d]! + vectorAt(vectors, model.dims, 9)[d]!);
    const norm = Math.sqrt(dot(expected, expected));
    expect(dot(profile, profile)).toBeCloseTo(1, 5);
    expect(dot(profile, expected) / norm).toBeCloseTo(1, 5);
    expect(profileFromHistory(model, vectors, { items: new Uint32Array(0), strengths: new Float32Array(0) }).every((value) => value === 0)).toBe(true);
  });

  it('reads string preference attributes as tags', () => {
    const tagged = plainCatalogue(48, 3);
    tagged[4]!.tags.push('noir');
    tagged[30]!.tags.push('noir');
    const trained = trainContentModel(tagged);
    const profile = profileFromPreferences(trained.model, [], { mood: 'Noir', runtime: 90 });
    const top = exactSearch(trained.vectors, trained.model.dims, profile, 2);
    expect([...top.items].sort((a, b) => a - b)).toEqual([4, 30]);
  });

  it('scores every item by cosine to the history profile', () => {
    const out = new Float32Array(items.length);
    contentScorer(model, vectors).scoreItems(0, { items: Uint32Array.of(11), strengths: Float32Array.of(1) }, out);
    expect(out[11]).toBeCloseTo(1, 5);
    expect(Math.max(...out)).toBeCloseTo(1, 5);
    expect(out.every((score) => score >= -1.0001 && score <= 1.0001)).toBe(true);
  });
});

describe('symmetricEigen', () => {
  it('finds eigenvalues in descending order with orthonormal eigenvectors', () => {
    const matrix = Float64Array.of(4, 1, 0, 1, 3, 1, 0, 1, 2);
    const { values, vectors } = symmetricEigen(matrix, 3);
    expect(values[0]).toBeGreaterThan(values[1]!);
    expect(values[1]).toBeGreaterThan(values[2]!);
    expect(values[0]! + values[1]! + values[2]!).toBeCloseTo(9, 10);
    for (let j = 0; j < 3; j++) {
      for (let row = 0; row < 3; row++) {
        let product = 0;
        for (let k = 0; k < 3; k++) product += matrix[row * 3 + k]! * vectors[k * 3 + j]!;
        expect(product).toBeCloseTo(values[j]! * vectors[row * 3 + j]!, 10);
      }
    }
  });
});
