import { describe, expect, it } from 'vitest';
import type { DatabaseConnection } from '@/db/client';
import { TableMirror } from './mirror';

type Row = { external_id: string; updated: number };

/** A users table whose reads can be held open, as a poll in flight when a deletion runs. */
function table(rows: Row[]) {
  let hold: Promise<void> | null = null;
  const conn = {
    kind: 'pglite',
    query: async (text: string) => {
      if (text.startsWith('select now()')) return [{ now: new Date().toISOString() }];
      const snapshot = [...rows];
      if (hold) await hold;
      return snapshot;
    },
  } as unknown as DatabaseConnection;
  const mirror = new TableMirror<Row, { id: string; updatedAt: number }>(conn, { table: 'users', columns: '*', toEntry: (row) => ({ id: row.external_id, updatedAt: row.updated }) });
  return {
    mirror,
    rows,
    holdReads(): () => void {
      let release!: () => void;
      hold = new Promise((resolve) => (release = resolve));
      return () => {
        hold = null;
        release();
      };
    },
  };
}

describe('TableMirror', () => {
  it('does not let a poll that read before a deletion put the deleted row back', async () => {
    const { mirror, rows, holdReads } = table([
      { external_id: 'ada', updated: 1 },
      { external_id: 'bob', updated: 1 },
    ]);
    await mirror.refresh();
    const release = holdReads();
    const poll = mirror.refresh({ whole: true });
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The row goes from the database and the mirror while the poll's result is on its way.
    rows.splice(0, 1);
    mirror.delete('ada');
    release();
    await poll;
    expect(mirror.get('ada')).toBeUndefined();
    expect(mirror.get('bob')).toBeDefined();

    // A row stored again after the deletion is read as usual.
    rows.push({ external_id: 'ada', updated: 2 });
    await mirror.refresh();
    expect(mirror.get('ada')?.updatedAt).toBe(2);
  });
});
