import { describe, expect, it } from 'vitest';
import { publishChange } from '@/lib/runtime/changes';
import { Refreshing } from './refreshing';

/** A source whose reads finish when the test says so. */
function controlledSource() {
  let value = 'v1';
  const reads: ((result: string) => void)[] = [];
  return {
    set: (next: string) => (value = next),
    load: () => {
      const read = value;
      return new Promise<string>((resolve) => reads.push(() => resolve(read)));
    },
    finishReads: () => reads.splice(0).forEach((finish) => finish('')),
    get readCount() {
      return reads.length;
    },
  };
}

describe('Refreshing', () => {
  it('shares one read among concurrent callers', async () => {
    const source = controlledSource();
    const refreshing = new Refreshing(source.load, { maxAgeMs: 60_000 });
    const both = Promise.all([refreshing.get(), refreshing.get()]);
    expect(source.readCount).toBe(1);
    source.finishReads();
    expect(await both).toEqual(['v1', 'v1']);
  });

  it('reads again after an invalidation, not joining a read that began before the change', async () => {
    const source = controlledSource();
    const refreshing = new Refreshing(source.load, { maxAgeMs: 60_000 });
    const first = refreshing.get();
    source.finishReads();
    await first;
    refreshing.invalidate();
    const stale = refreshing.get(); // began before the write below
    source.set('v2');
    refreshing.invalidate();
    const fresh = refreshing.get();
    source.finishReads();
    expect(await stale).toBe('v1');
    expect(await fresh).toBe('v2');
    expect(await refreshing.get()).toBe('v2');
  });

  it('answers stale values during a periodic refresh, but never after an invalidation', async () => {
    const source = controlledSource();
    const refreshing = new Refreshing(source.load, { maxAgeMs: 0, staleWhileRefreshing: true });
    const first = refreshing.get();
    source.finishReads();
    await first;
    source.set('v2');
    expect(await refreshing.get()).toBe('v1'); // periodic: the old value at once, a read under way
    source.finishReads();
    source.set('v3');
    refreshing.invalidate();
    const afterWrite = refreshing.get();
    source.finishReads();
    expect(await afterWrite).toBe('v3');
  });

  it('keeps the last good value when a refresh fails', async () => {
    let fail = false;
    const errors: unknown[] = [];
    const refreshing = new Refreshing(async () => {
      if (fail) throw new Error('down');
      return 'good';
    }, { maxAgeMs: 0, onError: (error) => errors.push(error) });
    expect(await refreshing.get()).toBe('good');
    fail = true;
    expect(await refreshing.get()).toBe('good');
    expect(refreshing.error).toBeInstanceOf(Error);
    expect(errors).toHaveLength(1);
  });

  it('re-reads after a change of its topic is published, not after other topics', async () => {
    let reads = 0;
    const refreshing = new Refreshing(async () => `v${++reads}`, { maxAgeMs: 60_000, invalidatedBy: 'curation' });
    expect(await refreshing.get()).toBe('v1');
    publishChange('catalog');
    expect(await refreshing.get()).toBe('v1');
    publishChange('curation');
    expect(await refreshing.get()).toBe('v2');
  });
});
