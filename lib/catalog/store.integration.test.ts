import { describe, expect, it } from 'vitest';
import { getConnection } from '@/db';
import { itemInputSchema } from './schema';
import { getItem, hideItem, listItems, patchItem, upsertItems } from './store';
import { itemListQuerySchema } from './schema';

const item = (id: string, fields: Record<string, unknown> = {}) => itemInputSchema.parse({ id, ...fields });

describe('catalog store', () => {
  it('upserts in bulk, reporting created and updated rows', async () => {
    const conn = await getConnection();
    const first = await upsertItems(conn, [item('a', { title: 'Alpha' }), item('b', { title: 'Beta' })]);
    expect(first).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const second = await upsertItems(conn, [item('a', { title: 'Alpha 2', tags: ['x'] }), item('c')]);
    expect(second).toEqual({ created: 1, updated: 1, unchanged: 0 });
    expect(await upsertItems(conn, [item('a', { title: 'Alpha 2', tags: ['x'] })])).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(await getItem(conn, 'a')).toMatchObject({ title: 'Alpha 2', tags: ['x'] });
  });

  it('keeps the last of repeated ids in one batch', async () => {
    const conn = await getConnection();
    await upsertItems(conn, [item('dup', { title: 'first' }), item('dup', { title: 'second' })]);
    expect((await getItem(conn, 'dup'))?.title).toBe('second');
  });

  it('filters by category, tag, text and hidden state', async () => {
    const conn = await getConnection();
    await upsertItems(conn, [
      item('f1', { title: 'Starship Odyssey', category: 'scifi', tags: ['space'] }),
      item('f2', { title: 'Quiet Kitchen', category: 'cooking', tags: ['pasta'], description: 'a starship of flavours' }),
      item('f3', { title: 'Hidden Gem', category: 'scifi', is_hidden: true }),
    ]);
    const list = (query: Record<string, string>) => listItems(conn, itemListQuerySchema.parse(query));
    expect((await list({ category: 'scifi' })).items.map((i) => i.id)).toEqual(['f1']);
    expect((await list({ category: 'scifi', hidden: 'any' })).total).toBe(2);
    expect((await list({ tag: 'pasta' })).items.map((i) => i.id)).toEqual(['f2']);
    expect((await list({ q: 'starship', sort: 'title' })).items.map((i) => i.id)).toEqual(['f2', 'f1']);
    expect((await list({ q: 'Odys' })).items.map((i) => i.id)).toEqual(['f1']);
    // A pasted id finds its item, though no title or description says it.
    expect((await list({ q: 'f2' })).items.map((i) => i.id)).toEqual(['f2']);
  });

  it('patches only given fields and hides on delete', async () => {
    const conn = await getConnection();
    await upsertItems(conn, [item('p', { title: 'Keep', description: 'old' })]);
    const patched = await patchItem(conn, 'p', { description: 'new' });
    expect(patched).toMatchObject({ title: 'Keep', description: 'new' });
    expect((await hideItem(conn, 'p'))?.is_hidden).toBe(true);
    expect(await patchItem(conn, 'missing', { title: 'x' })).toBeNull();
  });
});
