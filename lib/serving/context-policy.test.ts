import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from './catalog';
import { contextPolicy } from './context-policy';

const catalogue = new Map<string, Pick<CatalogEntry, 'category'>>([['film-1', { category: 'Sci-Fi' }]]);
const entryOf = (id: string) => catalogue.get(id) as CatalogEntry | undefined;
const query = (overrides: Partial<Parameters<typeof contextPolicy>[0]>) => ({ n: 20, context: 'home' as const, explain: false, ...overrides });

describe('the page context', () => {
  it('home: categories filter, editorial placements and exploration apply', () => {
    expect(contextPolicy(query({ category: ['Comedy'], exclude: ['x'] }), entryOf)).toEqual({
      filter: ['Comedy'],
      interests: ['Comedy'],
      favoured: [],
      anchor: null,
      editorial: true,
      exploration: true,
      excluded: ['x'],
    });
    expect(contextPolicy(query({}), entryOf).filter).toBeNull();
  });

  it("item: anchors on the item, takes its category as an interest, never lists it, and leaves editorial placements out", () => {
    expect(contextPolicy(query({ context: 'item', item: 'film-1' }), entryOf)).toEqual({
      filter: null,
      interests: ['Sci-Fi'],
      favoured: [],
      anchor: 'film-1',
      editorial: false,
      exploration: false,
      excluded: ['film-1'],
    });
  });

  it('search: favours the searched categories instead of requiring them, without editorial placements', () => {
    expect(contextPolicy(query({ context: 'search', category: ['Comedy'] }), entryOf)).toMatchObject({ filter: null, interests: ['Comedy'], favoured: ['Comedy'], editorial: false, exploration: false });
  });

  it('an item outside the item context is only excluded, not an anchor', () => {
    expect(contextPolicy(query({ item: 'film-1' }), entryOf)).toMatchObject({ anchor: null, excluded: ['film-1'] });
  });
});
