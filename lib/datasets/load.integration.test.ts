import { describe, expect, it } from 'vitest';
import { getConnection } from '@/db';
import { getItem } from '@/lib/catalog/store';
import { getUser, upsertUser } from '@/lib/users/store';
import { userInputSchema } from '@/lib/users/schema';
import { readDataset } from '.';
import { loadDataset, type LoadProgress } from './load';
import { datasetFixtures } from './test-fixtures';

const writeFixture = datasetFixtures();

async function fixtureDataset() {
  const dir = await writeFixture({
    'items.csv': 'id,title,category,tags\nbook-1,Dune,books,scifi|classic\nbook-2,Emma,books,\n',
    'interactions.csv': [
      'user,item,value,timestamp',
      'ann,book-1,5,1700000000',
      'ann,book-2,,1700000100',
      'bob,book-1,3,1700000200',
      'bob,film-9,,1700000300',
      // The same user, item and moment again: the same event id, stored once.
      'bob,film-9,,1700000300',
    ].join('\n'),
  });
  return readDataset('csv', dir);
}

describe('loadDataset', () => {
  it('stores items, users and events, then finds nothing new on a re-run', async () => {
    const conn = await getConnection();
    const dataset = await fixtureDataset();
    const progress: LoadProgress[] = [];

    const first = await loadDataset(conn, dataset, { source: 'csv', onProgress: (update) => progress.push(update) });
    expect(first).toEqual({ items: { created: 3, updated: 0 }, users: { created: 2 }, events: { inserted: 4, duplicates: 1 }, changes: [] });
    expect(progress.at(-1)).toEqual({ stage: 'events', done: 5, total: 5 });
    expect(progress.filter((update) => update.done === update.total).map((update) => update.stage)).toEqual(['items', 'users', 'events']);

    const second = await loadDataset(conn, dataset, { source: 'csv' });
    expect(second).toEqual({ items: { created: 0, updated: 0 }, users: { created: 0 }, events: { inserted: 0, duplicates: 5 }, changes: [] });
  });

  it('writes ratings as rate events and valueless rows as clicks, with deterministic ids', async () => {
    const conn = await getConnection();
    await loadDataset(conn, await fixtureDataset(), { source: 'csv' });
    const events = await conn.query<{ event_id: string; type: string; value: number | null; occurred_at: Date | string }>(
      `select event_id, type, value, occurred_at from events where event_id like 'csv:%' order by occurred_at`,
    );
    expect(events.map(({ event_id, type, value }) => [event_id, type, value])).toEqual([
      ['csv:ann:book-1:1700000000000', 'rate', 5],
      ['csv:ann:book-2:1700000100000', 'click', null],
      ['csv:bob:book-1:1700000200000', 'rate', 3],
      ['csv:bob:film-9:1700000300000', 'click', null],
    ]);
    expect(new Date(events[0]!.occurred_at).toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(await getItem(conn, 'book-1')).toMatchObject({ title: 'Dune', category: 'books', tags: ['scifi', 'classic'] });
    expect(await getItem(conn, 'film-9')).toMatchObject({ title: '', category: null });
    expect((await getUser(conn, 'bob'))?.last_active_at).toBe('2023-11-14T22:18:20.000Z');
  });

  it("records in its summary what reading the files changed", async () => {
    const conn = await getConnection();
    const dir = await writeFixture({ 'items.csv': `id,title\nlong-1,${'x'.repeat(600)}\n`, 'interactions.csv': 'dora,long-1,,1700000000\ndora,long-1,,soon\n' });
    const summary = await loadDataset(conn, await readDataset('csv', dir), { source: 'csv' });
    expect(summary.events.inserted).toBe(1);
    expect(summary.changes.map(({ change, count }) => [change, count])).toEqual([
      ['title trimmed to 500 characters', 1],
      ['row dropped: timestamp unparseable', 1],
    ]);
    expect((await getItem(conn, 'long-1'))?.title).toHaveLength(500);
  });

  it('leaves existing users as they are', async () => {
    const conn = await getConnection();
    await upsertUser(conn, userInputSchema.parse({ id: 'cara', preferences: { categories: ['films'] }, data_sharing: 'minimal' }));
    const dir = await writeFixture({ 'interactions.csv': 'cara,book-1,4,1700000000\n' });
    const summary = await loadDataset(conn, await readDataset('csv', dir), { source: 'csv' });
    expect(summary).toMatchObject({ users: { created: 0 }, events: { inserted: 1 } });
    expect(await getUser(conn, 'cara')).toMatchObject({ data_sharing: 'minimal', preferences: { categories: ['films'] } });
  });
});
